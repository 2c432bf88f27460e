import {describe, expect, it} from 'vitest';
import {RingBuffer} from '../../source/monitor/ring-buffer.js';

describe('RingBuffer', () => {
	it('keeps the newest items in order and overwrites the oldest', () => {
		const ring = new RingBuffer<number>(3);
		expect(ring.recent(5)).toEqual([]);
		ring.push(1);
		ring.push(2);
		expect(ring.recent(5)).toEqual([1, 2]);
		ring.push(3);
		ring.push(4);
		expect(ring.size).toBe(3);
		expect(ring.recent(3)).toEqual([2, 3, 4]);
		expect(ring.recent(2)).toEqual([3, 4]);
		expect(ring.at(0)).toBe(2);
		expect(ring.last()).toBe(4);
		expect(ring.at(3)).toBeUndefined();
	});

	it('holds a day of 1-second samples in its fixed capacity', () => {
		const ring = new RingBuffer<{at: number}>(2048);
		for (let i = 0; i < 86_400; i++) ring.push({at: i});
		expect(ring.size).toBe(2048);
		expect(ring.at(0)).toEqual({at: 86_400 - 2048});
		expect(ring.last()).toEqual({at: 86_399});
	});

	it('rejects a capacity below 1', () => {
		expect(() => new RingBuffer(0)).toThrow(RangeError);
	});
});
