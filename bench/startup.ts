// Start-up: wall time of the one-shot report against bare Node and curl on the same server,
// and the time from spawn to the first full frame of the TUI in a pseudo-terminal.

import {spawn} from 'node:child_process';
import {killGroup, onCleanup} from './cleanup.js';
import {reapedChildrenCpuSeconds} from './proc.js';
import {spawnInPty} from './pty-session.js';

export interface Timing {
	/** Wall time, ms. */
	readonly median: number;
	readonly min: number;
	readonly max: number;
	readonly runs: number;
	/** Exit codes seen, for a sanity check (the one-shot report exits 0/1/2 by verdict). */
	readonly exitCodes: readonly number[];
	/** CPU time (user + system) per run, median, ms: steadier than wall time on a busy machine. */
	readonly cpuMedian: number | null;
}

function medianOf(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	if (sorted.length === 0) return Number.NaN;
	return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function summarise(values: number[], exitCodes: number[] = [], cpu: number[] = []): Timing {
	const sorted = [...values].sort((a, b) => a - b);
	return {
		median: medianOf(sorted),
		min: sorted[0] ?? Number.NaN,
		max: sorted.at(-1) ?? Number.NaN,
		runs: sorted.length,
		exitCodes: [...new Set(exitCodes)],
		cpuMedian: cpu.length > 0 ? medianOf(cpu) : null,
	};
}

/** Wall time and CPU time of one run, spawn to exit, output discarded. Runs must not overlap. */
export function timeRun(file: string, args: string[], env?: NodeJS.ProcessEnv): Promise<{ms: number; cpuMs: number; code: number}> {
	return new Promise((resolve, reject) => {
		const cpuBefore = reapedChildrenCpuSeconds();
		const started = performance.now();
		const child = spawn(file, args, {stdio: ['ignore', 'ignore', 'ignore'], env: env ?? process.env, detached: true});
		const forget = onCleanup(() => {
			if (child.pid) killGroup(child.pid);
		});
		child.once('error', error => {
			void forget();
			reject(error);
		});
		// 'close' comes after the child was waited for, so its CPU time is in cutime by then.
		child.once('close', code => {
			const ms = performance.now() - started;
			void forget();
			resolve({ms, cpuMs: (reapedChildrenCpuSeconds() - cpuBefore) * 1000, code: code ?? -1});
		});
	});
}

export interface Contender {
	readonly name: string;
	readonly file: string;
	readonly args: string[];
}

/** Runs the contenders in turn, round after round, so drift on a shared machine hits all alike. */
export async function timeInterleaved(contenders: readonly Contender[], rounds: number, warmup = 2): Promise<Map<string, Timing>> {
	const times = new Map<string, number[]>(contenders.map(c => [c.name, []]));
	const codes = new Map<string, number[]>(contenders.map(c => [c.name, []]));
	const cpu = new Map<string, number[]>(contenders.map(c => [c.name, []]));
	for (let round = 0; round < rounds + warmup; round++) {
		for (const contender of contenders) {
			const {ms, cpuMs, code} = await timeRun(contender.file, contender.args);
			if (round < warmup) continue; // page cache, first-run effects
			times.get(contender.name)?.push(ms);
			codes.get(contender.name)?.push(code);
			cpu.get(contender.name)?.push(cpuMs);
		}
	}
	return new Map(contenders.map(c => [c.name, summarise(times.get(c.name) ?? [], codes.get(c.name) ?? [], cpu.get(c.name) ?? [])]));
}

/** Spawn to the first screen that passes the test, in a cols×rows pseudo-terminal; median of runs. */
export async function timeFirstFrame(
	file: string,
	args: string[],
	test: (lines: string[]) => boolean,
	options: {rounds: number; cols: number; rows: number; timeoutMs: number; env?: Record<string, string | undefined>},
): Promise<{timing: Timing; firstOutput: Timing; lastScreen: string[]}> {
	const times: number[] = [];
	const firstOutputs: number[] = [];
	let lastScreen: string[] = [];
	for (let round = 0; round < options.rounds; round++) {
		const session = spawnInPty(file, args, {cols: options.cols, rows: options.rows, screen: true, env: options.env});
		try {
			times.push(await session.waitForScreen(test, options.timeoutMs));
			firstOutputs.push(session.firstOutputAt ?? Number.NaN);
			lastScreen = session.screen();
		} finally {
			await session.dispose();
		}
	}
	return {timing: summarise(times), firstOutput: summarise(firstOutputs), lastScreen};
}
