// Runs bench/simulated-day.ts in a child of its own, bundled like dist/ and run by plain
// Node (not through tsx, whose loader would add its own tens of MB to the RSS).

import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {build} from 'esbuild';
import {killGroup, onCleanup} from './cleanup.js';

const run = promisify(execFile);

export interface DayReading {
	readonly samples: number;
	readonly heapUsed: number;
	readonly rss: number;
}

export interface DayFigures {
	readonly samples: number;
	readonly historySize: number;
	readonly timelineEntries: number;
	readonly windowProbes: number;
	readonly elapsedMs: number;
	readonly before: DayReading;
	readonly hours: readonly DayReading[];
	readonly after: DayReading;
}

export async function runDay(samples: number, nodeFlags: readonly string[] = []): Promise<DayFigures> {
	const directory = mkdtempSync(join(tmpdir(), 'bench-day-'));
	const removeDirectory = onCleanup(() => rmSync(directory, {recursive: true, force: true}));
	try {
		const outfile = join(directory, 'simulated-day.mjs');
		await build({
			entryPoints: [new URL('./simulated-day.ts', import.meta.url).pathname],
			outfile,
			bundle: true,
			platform: 'node',
			target: 'node20',
			format: 'esm',
			logLevel: 'warning',
		});
		const child = run(process.execPath, ['--expose-gc', ...nodeFlags, outfile], {
			env: {...process.env, BENCH_DAY_SAMPLES: String(samples)},
			maxBuffer: 1 << 20,
		});
		const forget = onCleanup(() => {
			if (child.child.pid) killGroup(child.child.pid);
		});
		try {
			const {stdout} = await child;
			return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as DayFigures;
		} finally {
			await forget();
		}
	} finally {
		await removeDirectory();
	}
}
