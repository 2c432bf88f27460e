// Hand-driven time for the monitor's clock and timer seams: nothing happens until the test
// advances it, and then timers fire in due order with promise callbacks settled in between.

import type {Clock, Timers} from '../../source/monitor/clock.js';

interface Pending {
	readonly id: number;
	readonly at: number;
	readonly callback: () => void;
}

export interface FakeTime {
	readonly clock: Clock;
	readonly timers: Timers;
	/** Timers not yet fired. */
	pending(): number;
	/** Moves time forward by `ms`, firing due timers in order. */
	advance(ms: number): Promise<void>;
	/** Lets promise callbacks and I/O callbacks run without moving time. */
	settle(): Promise<void>;
	now(): number;
}

export async function settleAll(): Promise<void> {
	for (let i = 0; i < 5; i++) await new Promise<void>(resolve => setImmediate(resolve));
}

export function createFakeTime(start = new Date(2025, 0, 15, 14, 0, 0).getTime()): FakeTime {
	let now = start;
	let nextId = 1;
	let queue: Pending[] = [];
	const timers: Timers = {
		setTimeout(callback, ms) {
			const id = nextId++;
			queue.push({id, at: now + Math.max(0, ms), callback});
			return id;
		},
		clearTimeout(handle) {
			queue = queue.filter(item => item.id !== handle);
		},
	};
	return {
		clock: {now: () => now, monotonic: () => now - start},
		timers,
		pending: () => queue.length,
		now: () => now,
		settle: settleAll,
		async advance(ms) {
			const end = now + ms;
			await settleAll();
			for (;;) {
				const due = queue.filter(item => item.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
				if (!due) break;
				queue = queue.filter(item => item !== due);
				now = Math.max(now, due.at);
				due.callback();
				await settleAll();
			}
			now = end;
			await settleAll();
		},
	};
}
