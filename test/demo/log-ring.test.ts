import {describe, expect, it} from 'vitest';
import {LogRing} from '../../source/demo/log-ring.js';

describe('LogRing', () => {
	it('keeps only the newest lines, timestamped and sanitized', () => {
		let now = Date.UTC(2025, 0, 1, 0, 0, 0);
		const ring = new LogRing(3, () => now);
		for (const message of ['one', 'two\u001b[2J', 'three\nstill three', '', 'four']) {
			ring.add(message);
			now += 1000;
		}
		expect(ring.recent()).toEqual([
			'2025-01-01T00:00:01.000Z two',
			'2025-01-01T00:00:02.000Z three still three',
			'2025-01-01T00:00:04.000Z four',
		]);
		expect(ring.recent(1)).toEqual(['2025-01-01T00:00:04.000Z four']);
		expect(ring.recent(0)).toEqual([]);
	});

	it('refuses a capacity that is not a positive integer', () => {
		expect(() => new LogRing(0)).toThrow(RangeError);
	});
});
