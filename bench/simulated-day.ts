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
let due: (() => void) | null = null;
const timers: Timers = {
	setTimeout(callback) {
		due = callback;
		return 1;
	},
	clearTimeout() {
		due = null;
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
	if (!due) throw new Error(`the monitor scheduled nothing after sample ${done}`);
	const next: () => void = due;
	due = null;
	now += 1000;
	monotonic += 1000;
	monitor.expire();
	next();
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
