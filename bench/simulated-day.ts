// A day of probes at one a second (86,400 samples) pushed through the monitor's history,
// statistics and timeline, with no network and a hand-driven clock. Run in its own process
// with --expose-gc (bench/index.ts does that) so heap and RSS are this work's alone.
// Prints one JSON line: heap and RSS after a forced GC, before, at each simulated hour, after.

import type {Sample} from '../checks/types.js';
import {NO_PHASES} from '../checks/types.js';
import type {Clock, Timers} from '../source/monitor/clock.js';
import {createMonitor} from '../source/monitor/monitor.js';

const SAMPLES = Number(process.env.BENCH_DAY_SAMPLES ?? 86_400);
const PER_HOUR = 3600;

const gc = (globalThis as {gc?: () => void}).gc;
if (!gc) throw new Error('run with --expose-gc');

interface Reading {
	readonly samples: number;
	readonly heapUsed: number;
	readonly rss: number;
}

function read(samples: number): Reading {
	gc?.();
	gc?.();
	const usage = process.memoryUsage();
	return {samples, heapUsed: usage.heapUsed, rss: usage.rss};
}

// A deterministic pseudo-random day: mostly fast answers, some slow spells, a few outages, so
// the histogram, the window and the timeline all see realistic variety.
let seed = 42;
function random(): number {
	seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
	return seed / 2 ** 31;
}

let now = Date.UTC(2025, 0, 1);
let monotonic = 0;
const clock: Clock = {now: () => now, monotonic: () => monotonic};
// Pending timers by handle: the next probe's, and the in-flight sign's while a probe is out.
const pending = new Map<number, {callback: () => void; ms: number}>();
let nextHandle = 1;
const timers: Timers = {
	setTimeout(callback, ms) {
		const handle = nextHandle++;
		pending.set(handle, {callback, ms});
		return handle;
	},
	clearTimeout(handle) {
		pending.delete(handle as number);
	},
};

function sample(): Sample {
	const roll = random();
	const failed = roll < 0.005;
	const ms = roll < 0.05 ? 400 + random() * 2400 : 5 + random() * 120;
	return {
		endpoint: 'http://127.0.0.1:8080/connect/token',
		startedAt: now,
		mode: 'reachability',
		available: !failed,
		responseTimeMs: failed ? null : ms,
		httpStatus: failed ? null : 400,
		error: failed ? 'connection refused (ECONNREFUSED)' : null,
		phases: NO_PHASES,
		insecure: false,
	};
}

const monitor = createMonitor({
	endpoint: 'http://127.0.0.1:8080/connect/token',
	intervalMs: 1000,
	probe: async () => sample(),
	clock,
	timers,
});
// What the screen does on every change: read the snapshot and the chart's columns.
let drawn = 0;
monitor.subscribe(() => {
	const snapshot = monitor.getSnapshot();
	drawn += snapshot.history.recent(100).length > 0 ? 1 : 0;
});

const flush = () => new Promise(resolve => setImmediate(resolve));
const before = read(0);
const hours: Reading[] = [];
const started = performance.now();
monitor.start();
await flush();
for (let done = 1; done < SAMPLES; done++) {
	if (pending.size === 0) throw new Error(`the monitor scheduled nothing after sample ${done}`);
	// One second passes: every timer due within it fires, in order.
	const due = [...pending.entries()].sort((a, b) => a[1].ms - b[1].ms);
	pending.clear();
	now += 1000;
	monotonic += 1000;
	monitor.expire();
	for (const [, timer] of due) timer.callback();
	await flush();
	if ((done + 1) % PER_HOUR === 0) hours.push(read(done + 1));
}
const elapsedMs = performance.now() - started;
const snapshot = monitor.getSnapshot();
monitor.stop();
const after = read(SAMPLES);
console.log(
	JSON.stringify({
		samples: snapshot.probes,
		historySize: snapshot.history.size,
		timelineEntries: snapshot.timeline.length,
		windowProbes: snapshot.lastWindow.probes,
		drawn,
		elapsedMs,
		before,
		hours,
		after,
	}),
);
