// The one clock the screen shares: "3 s ago" and any other time-driven text read it, so the
// app has a single timer however many things show time. It ticks on whole seconds of the
// wall clock (so every age moves together) and only while someone listens.

import type {Clock, Timers} from './clock.js';

export interface Ticker {
	subscribe(listener: () => void): () => void;
	/** Wall-clock time of the latest tick, epoch ms. */
	getSnapshot(): number;
	stop(): void;
}

export interface TickerOptions {
	readonly periodMs?: number;
	readonly clock: Pick<Clock, 'now'>;
	readonly timers: Timers;
}

export function createTicker({periodMs = 1000, clock, timers}: TickerOptions): Ticker {
	const listeners = new Set<() => void>();
	let now = clock.now();
	let timer: unknown = null;
	let stopped = false;

	function schedule(): void {
		const current = clock.now();
		const delay = periodMs - (current % periodMs);
		timer = timers.setTimeout(() => {
			timer = null;
			now = clock.now();
			for (const listener of [...listeners]) listener();
			if (listeners.size > 0 && !stopped) schedule();
		}, delay);
	}

	function halt(): void {
		if (timer !== null) timers.clearTimeout(timer);
		timer = null;
	}

	return {
		subscribe(listener) {
			listeners.add(listener);
			if (timer === null && !stopped) {
				now = clock.now();
				schedule();
			}
			return () => {
				listeners.delete(listener);
				if (listeners.size === 0) halt();
			};
		},
		getSnapshot: () => now,
		stop() {
			stopped = true;
			halt();
			listeners.clear();
		},
	};
}
