// Rolling statistics over probes: since the monitor started and over a trailing window
// (5 minutes). Response-time figures cover available probes only — a refused connection has
// no response time to rank — and use whole milliseconds, the same rounding the check's
// evidence uses. Percentiles are nearest-rank (see percentile.ts).
//
// Memory stays flat over any session length: since-start figures are kept as a count per
// whole millisecond (a histogram, bounded by the probe timeout), and the window holds only
// the probes of its last few minutes.

import type {Status} from '../../checks/types.js';
import {nearestRank, percentileOfSorted} from './percentile.js';

/** One probe as the statistics see it. */
export interface StatPoint {
	/** When the probe started, epoch ms. */
	readonly at: number;
	readonly status: Status;
	/** Whole-ms response time of an available probe; null when the service did not answer. */
	readonly ms: number | null;
}

export interface StatsSummary {
	readonly probes: number;
	readonly pass: number;
	readonly warn: number;
	readonly fail: number;
	/** Probes with a response time (the service answered and did its job). */
	readonly available: number;
	/** available / probes × 100; null before the first probe. */
	readonly availabilityPct: number | null;
	readonly min: number | null;
	readonly p50: number | null;
	readonly p95: number | null;
	readonly p99: number | null;
	readonly max: number | null;
}

export const EMPTY_SUMMARY: StatsSummary = Object.freeze({
	probes: 0,
	pass: 0,
	warn: 0,
	fail: 0,
	available: 0,
	availabilityPct: null,
	min: null,
	p50: null,
	p95: null,
	p99: null,
	max: null,
});

interface Counts {
	pass: number;
	warn: number;
	fail: number;
}

function summaryOf(counts: Counts, probes: number, times: readonly number[]): StatsSummary {
	return {
		probes,
		pass: counts.pass,
		warn: counts.warn,
		fail: counts.fail,
		available: times.length,
		availabilityPct: probes === 0 ? null : (times.length / probes) * 100,
		min: times.length === 0 ? null : (times[0] as number),
		p50: percentileOfSorted(times, 50),
		p95: percentileOfSorted(times, 95),
		p99: percentileOfSorted(times, 99),
		max: times.length === 0 ? null : (times[times.length - 1] as number),
	};
}

/** Since start: counts, and a histogram of whole-ms response times. */
export class SinceStartStats {
	readonly #histogram = new Map<number, number>();
	readonly #counts: Counts = {pass: 0, warn: 0, fail: 0};
	#probes = 0;
	#available = 0;
	// Computed when asked for, then kept until the next probe.
	#summary: StatsSummary | null = EMPTY_SUMMARY;

	add(point: StatPoint): void {
		this.#probes++;
		this.#counts[point.status]++;
		if (point.ms !== null) {
			this.#available++;
			this.#histogram.set(point.ms, (this.#histogram.get(point.ms) ?? 0) + 1);
		}
		this.#summary = null;
	}

	summary(): StatsSummary {
		this.#summary ??= this.#compute();
		return this.#summary;
	}

	#compute(): StatsSummary {
		const keys = [...this.#histogram.keys()].sort((a, b) => a - b);
		const n = this.#available;
		const wanted = [50, 95, 99].map(p => nearestRank(p, n));
		const found: (number | null)[] = [null, null, null];
		let seen = 0;
		for (const key of keys) {
			seen += this.#histogram.get(key) as number;
			wanted.forEach((rank, i) => {
				if (found[i] === null && rank > 0 && seen >= rank) found[i] = key;
			});
			if (found[2] !== null) break;
		}
		return {
			probes: this.#probes,
			pass: this.#counts.pass,
			warn: this.#counts.warn,
			fail: this.#counts.fail,
			available: n,
			availabilityPct: this.#probes === 0 ? null : (n / this.#probes) * 100,
			min: keys.length === 0 ? null : (keys[0] as number),
			p50: found[0] ?? null,
			p95: found[1] ?? null,
			p99: found[2] ?? null,
			max: keys.length === 0 ? null : (keys[keys.length - 1] as number),
		};
	}
}

/** Over the trailing window: probes that started less than `windowMs` before now. */
export class WindowStats {
	#points: StatPoint[] = [];
	#head = 0;
	#summary: StatsSummary | null = EMPTY_SUMMARY;

	constructor(readonly windowMs: number) {}

	/** Adds a probe; expires what fell out of the window as of `now`. */
	add(point: StatPoint, now: number): void {
		this.#points.push(point);
		this.#dropBefore(now - this.windowMs);
		this.#summary = null;
	}

	/** Drops probes older than the window; true when anything changed. */
	expire(now: number): boolean {
		if (!this.#dropBefore(now - this.windowMs)) return false;
		this.#summary = null;
		return true;
	}

	summary(): StatsSummary {
		this.#summary ??= this.#compute();
		return this.#summary;
	}

	#dropBefore(cutoff: number): boolean {
		const before = this.#head;
		// Probes arrive in start order, so the oldest are at the head.
		while (this.#head < this.#points.length && (this.#points[this.#head] as StatPoint).at <= cutoff) this.#head++;
		// Compact now and then instead of shifting on every expiry.
		if (this.#head > 1024 && this.#head * 2 > this.#points.length) {
			this.#points = this.#points.slice(this.#head);
			this.#head = 0;
		}
		return this.#head !== before;
	}

	#compute(): StatsSummary {
		const counts: Counts = {pass: 0, warn: 0, fail: 0};
		const times: number[] = [];
		for (let i = this.#head; i < this.#points.length; i++) {
			const point = this.#points[i] as StatPoint;
			counts[point.status]++;
			if (point.ms !== null) times.push(point.ms);
		}
		times.sort((a, b) => a - b);
		return summaryOf(counts, this.#points.length - this.#head, times);
	}
}
