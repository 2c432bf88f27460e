// A demo Authority for tests that stop it and expect the port to refuse. A port the kernel
// hands out (port 0) could, once closed, be handed to a server in a parallel test file and
// answer in the Authority's place; ports below the ephemeral range (32768+) never are, and
// 15000–19999 is kept clear of the fault tests' fixed ranges (20000–32000).

import {startDemoAuthority, type DemoAuthority} from '../../source/demo/authority.js';

const LOW = 15_000;
const HIGH = 19_999;

export async function startTestAuthority(options: {latencyMs?: number} = {}): Promise<DemoAuthority> {
	let lastError: unknown;
	for (let attempt = 0; attempt < 10; attempt++) {
		const port = LOW + Math.floor(Math.random() * (HIGH - LOW + 1));
		try {
			return await startDemoAuthority({...options, port});
		} catch (error) {
			lastError = error;
			if (!String(error instanceof Error ? error.message : error).includes('EADDRINUSE')) throw error;
		}
	}
	throw lastError;
}
