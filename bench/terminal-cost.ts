// Cost of a program drawing in a pseudo-terminal at steady state: bytes written to the
// terminal, CPU time and resident memory over the same window after a warm-up.

import {cpuSeconds, treeRssBytes} from './proc.js';
import type {PtySession} from './pty-session.js';

export interface WindowCost {
	readonly windowSeconds: number;
	readonly bytes: number;
	readonly bytesPerMinute: number;
	readonly cpuSeconds: number;
	readonly cpuSecondsPerMinute: number;
	/** Percent of one core over the window. */
	readonly cpuPercent: number;
	/** Percent of one core from spawn to the window's opening: start-up and the JIT's warming. */
	readonly warmupCpuPercent: number;
	readonly rssBytes: number;
	/** ms since spawn when the window opened and closed (for the frame analysis). */
	readonly startAt: number;
	readonly endAt: number;
}

interface Mark {
	readonly at: number;
	readonly bytes: number;
	readonly cpu: number;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export class CostMeter {
	readonly #session: PtySession;
	readonly #spawnedAt: number;
	#start: Mark | null = null;

	constructor(session: PtySession, spawnedAt: number) {
		this.#session = session;
		this.#spawnedAt = spawnedAt;
	}

	#mark(): Mark {
		return {at: performance.now() - this.#spawnedAt, bytes: this.#session.bytes, cpu: cpuSeconds(this.#session.pid)};
	}

	open(): void {
		this.#start = this.#mark();
	}

	close(): WindowCost {
		const start = this.#start;
		if (!start) throw new Error('window not opened');
		const end = this.#mark();
		const seconds = (end.at - start.at) / 1000;
		const bytes = end.bytes - start.bytes;
		const cpu = end.cpu - start.cpu;
		return {
			windowSeconds: seconds,
			bytes,
			bytesPerMinute: (bytes / seconds) * 60,
			cpuSeconds: cpu,
			cpuSecondsPerMinute: (cpu / seconds) * 60,
			cpuPercent: (cpu / seconds) * 100,
			warmupCpuPercent: start.at > 0 ? (start.cpu / (start.at / 1000)) * 100 : 0,
			rssBytes: treeRssBytes(this.#session.pid),
			startAt: start.at,
			endAt: end.at,
		};
	}
}

/** Waits out the warm-up, then measures a window; the session keeps running afterwards. */
export async function measureWindow(session: PtySession, spawnedAt: number, warmupMs: number, windowMs: number): Promise<WindowCost> {
	const meter = new CostMeter(session, spawnedAt);
	await sleep(Math.max(0, warmupMs - (performance.now() - spawnedAt)));
	meter.open();
	await sleep(windowMs);
	return meter.close();
}

export {sleep};
