import {describe, expect, it} from 'vitest';
import {ActiveTokens, IssuanceWindow} from '../../source/demo/token-figures.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('IssuanceWindow (tokens issued in the last 24 h)', () => {
	it('counts issuances inside the window and forgets them after 24 hours', () => {
		const window = new IssuanceWindow();
		const t0 = Date.UTC(2025, 0, 1, 12, 0, 0);
		window.record(t0);
		window.record(t0 + 1000);
		window.record(t0 + 2 * HOUR);
		expect(window.count(t0 + 2 * HOUR)).toBe(3);
		expect(window.count(t0 + 24 * HOUR - MINUTE)).toBe(3);
		expect(window.count(t0 + 24 * HOUR)).toBe(1);
		expect(window.count(t0 + 26 * HOUR)).toBe(0);
	});

	it('keeps memory bounded by the window, not by the number of tokens', () => {
		const window = new IssuanceWindow();
		const t0 = Date.UTC(2025, 0, 1);
		// Three days of one token every 10 seconds.
		for (let t = t0; t < t0 + 72 * HOUR; t += 10_000) window.record(t);
		expect(window.buckets).toBeLessThanOrEqual(24 * 60);
		expect(window.count(t0 + 72 * HOUR - 1)).toBe(24 * 60 * 6);
	});
});

describe('ActiveTokens (unexpired access tokens)', () => {
	it('counts tokens until they expire', () => {
		const active = new ActiveTokens();
		const t0 = 1_000_000;
		active.add(t0 + 600_000);
		active.add(t0 + 600_000);
		active.add(t0 + 5_000);
		expect(active.count(t0)).toBe(3);
		expect(active.count(t0 + 5_000)).toBe(2);
		expect(active.count(t0 + 600_000)).toBe(0);
		expect(active.buckets).toBe(0);
	});
});
