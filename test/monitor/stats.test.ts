import {describe, expect, it} from 'vitest';
import {nearestRank, percentileOfSorted} from '../../source/monitor/percentile.js';
import {SinceStartStats, WindowStats, type StatPoint} from '../../source/monitor/stats.js';
import type {Status} from '../../checks/types.js';

const point = (at: number, ms: number | null, status: Status = 'pass'): StatPoint => ({at, ms, status});

describe('nearest-rank percentiles', () => {
	it('match values computed by hand', () => {
		expect(percentileOfSorted([10, 20, 30, 40], 50)).toBe(20); // rank ceil(2) = 2
		expect(percentileOfSorted([10, 20, 30, 40], 95)).toBe(40); // rank ceil(3.8) = 4
		expect(percentileOfSorted([10, 20, 30, 40], 25)).toBe(10); // rank ceil(1) = 1
		expect(percentileOfSorted([10, 20, 30, 40, 50], 50)).toBe(30); // rank ceil(2.5) = 3
		const hundred = Array.from({length: 100}, (_, i) => i + 1);
		expect(percentileOfSorted(hundred, 50)).toBe(50);
		expect(percentileOfSorted(hundred, 95)).toBe(95);
		expect(percentileOfSorted(hundred, 99)).toBe(99);
		expect(percentileOfSorted(hundred, 100)).toBe(100);
		expect(percentileOfSorted([], 50)).toBeNull();
		expect(percentileOfSorted([7], 99)).toBe(7);
		expect(nearestRank(0, 10)).toBe(1);
		expect(() => nearestRank(101, 10)).toThrow(RangeError);
	});
});

// Twenty response times: 12 fast, 5 slower, 3 slow; sorted: 40×4, 41×4, 42×4, 120×5, 734×2, 2500.
const TIMES = [40, 41, 42, 40, 41, 42, 40, 41, 42, 40, 41, 42, 120, 120, 120, 120, 120, 734, 734, 2500];
const statusOf = (ms: number): Status => (ms > 2000 ? 'fail' : ms > 500 ? 'warn' : 'pass');

describe('since-start statistics', () => {
	it('computes min, nearest-rank p50/p95/p99, max, counts and availability', () => {
		const stats = new SinceStartStats();
		TIMES.forEach((ms, i) => stats.add(point(i * 1000, ms, statusOf(ms))));
		stats.add(point(20_000, null, 'fail'));
		stats.add(point(21_000, null, 'fail'));
		// 20 response times: p50 = rank 10 → 42; p95 = rank 19 → 734; p99 = rank 20 → 2500.
		expect(stats.summary()).toEqual({
			probes: 22,
			pass: 17,
			warn: 2,
			fail: 3,
			available: 20,
			availabilityPct: (20 / 22) * 100,
			min: 40,
			p50: 42,
			p95: 734,
			p99: 2500,
			max: 2500,
		});
	});

	it('agrees with sorting every value, over a day of 1-second probes, with bounded state', () => {
		const stats = new SinceStartStats();
		const all: number[] = [];
		let seed = 7;
		for (let i = 0; i < 86_400; i++) {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			const ms = 20 + (seed % 600);
			all.push(ms);
			stats.add(point(i * 1000, ms));
		}
		all.sort((a, b) => a - b);
		const summary = stats.summary();
		expect(summary.p50).toBe(all[nearestRank(50, all.length) - 1]);
		expect(summary.p95).toBe(all[nearestRank(95, all.length) - 1]);
		expect(summary.p99).toBe(all[nearestRank(99, all.length) - 1]);
		expect(summary.min).toBe(all[0]);
		expect(summary.max).toBe(all[all.length - 1]);
	});

	it('has no response-time figures when nothing answered', () => {
		const stats = new SinceStartStats();
		stats.add(point(0, null, 'fail'));
		expect(stats.summary()).toMatchObject({probes: 1, fail: 1, availabilityPct: 0, min: null, p50: null, max: null});
	});
});

describe('window statistics', () => {
	it('counts only probes that started within the last 5 minutes', () => {
		const window = new WindowStats(300_000);
		window.add(point(0, 900, 'warn'), 0);
		window.add(point(60_000, null, 'fail'), 60_000);
		window.add(point(120_000, 40), 120_000);
		window.add(point(299_999, 50), 299_999);
		expect(window.summary()).toMatchObject({probes: 4, warn: 1, fail: 1, pass: 2, max: 900});
		// At exactly 300 s the first probe is 5 minutes old: out.
		expect(window.expire(300_000)).toBe(true);
		expect(window.summary()).toMatchObject({probes: 3, warn: 0, fail: 1, pass: 2, min: 40, max: 50, p50: 40});
		expect(window.expire(300_001)).toBe(false);
		window.add(point(430_000, 60), 430_000);
		// At 430 s the cutoff is 130 s: 60 s and 120 s are gone; 299.999 s and 430 s remain.
		expect(window.summary()).toMatchObject({probes: 2, fail: 0, availabilityPct: 100, min: 50, max: 60});
		expect(window.expire(1_000_000)).toBe(true);
		expect(window.summary()).toMatchObject({probes: 0, availabilityPct: null, p99: null});
	});

	it('matches hand-computed percentiles inside the window', () => {
		const window = new WindowStats(300_000);
		TIMES.forEach((ms, i) => window.add(point(i * 1000, ms, statusOf(ms)), i * 1000));
		expect(window.summary()).toMatchObject({min: 40, p50: 42, p95: 734, p99: 2500, max: 2500, pass: 17, warn: 2, fail: 1});
	});

	it('stays bounded over a day of 1-second probes', () => {
		const window = new WindowStats(300_000);
		for (let i = 0; i < 86_400; i++) window.add(point(i * 1000, 40 + (i % 7)), i * 1000);
		expect(window.summary().probes).toBe(300);
	});
});
