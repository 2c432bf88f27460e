// The existing probe-vs-curl bench, run as it is (its own process, its own server), with its
// figure picked out of its output.

import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {killGroup, onCleanup} from './cleanup.js';

const run = promisify(execFile);

export interface ProbeAccuracy {
	readonly medianDifferenceMs: number;
	readonly probeMs: number;
	readonly curlMs: number;
	readonly rounds: number;
}

export async function runProbeAccuracy(rounds: number): Promise<ProbeAccuracy> {
	const script = new URL('./probe-vs-curl.ts', import.meta.url).pathname;
	const child = run(process.execPath, ['--import', 'tsx', script], {env: {...process.env, BENCH_ROUNDS: String(rounds)}});
	const forget = onCleanup(() => {
		if (child.child.pid) killGroup(child.child.pid);
	});
	try {
		const {stdout} = await child;
		const figure = (label: string) => {
			const match = new RegExp(`${label}\\s+([+-]?[\\d.]+) ms`).exec(stdout);
			if (!match) throw new Error(`probe-vs-curl printed no "${label}":\n${stdout}`);
			return Number(match[1]);
		};
		return {medianDifferenceMs: figure('median difference'), probeMs: figure('median probe'), curlMs: figure('median curl'), rounds};
	} finally {
		await forget();
	}
}
