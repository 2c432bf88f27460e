import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Real servers and real child processes: generous per-test time, and few files at
		// once on a 2-core machine so timing-sensitive probes are not starved.
		testTimeout: 30_000,
		hookTimeout: 30_000,
		maxWorkers: 2,
		pool: 'forks',
	},
});
