import {describe, expect, it} from 'vitest';
import {Timeline} from '../../source/monitor/timeline.js';

describe('Timeline', () => {
	it('records status changes only, newest first, and notes', () => {
		const timeline = new Timeline();
		expect(timeline.observe(1000, 'pass', 40, null)).toBe(true);
		const before = timeline.entries();
		expect(timeline.observe(2000, 'pass', 42, null)).toBe(false);
		expect(timeline.entries()).toBe(before);
		timeline.observe(3000, 'warn', 734, null);
		timeline.observe(4000, 'fail', null, 'connection refused');
		timeline.note(4500, 'ran: restart authority (exit 0)');
		expect(timeline.entries()).toEqual([
			{kind: 'note', at: 4500, text: 'ran: restart authority (exit 0)'},
			{kind: 'status', at: 4000, from: 'warn', to: 'fail', responseTimeMs: null, error: 'connection refused'},
			{kind: 'status', at: 3000, from: 'pass', to: 'warn', responseTimeMs: 734, error: null},
			{kind: 'status', at: 1000, from: null, to: 'pass', responseTimeMs: 40, error: null},
		]);
	});

	it('counts a change of problem within FAIL (critically slow, then not answering) as a change', () => {
		const timeline = new Timeline();
		timeline.observe(1000, 'fail', 2600, null, 'critically-slow');
		expect(timeline.observe(2000, 'fail', 2700, null, 'critically-slow')).toBe(false);
		expect(timeline.observe(3000, 'fail', null, 'connect ECONNREFUSED 127.0.0.1:9', 'unavailable')).toBe(true);
		expect(timeline.observe(4000, 'fail', null, 'connect ECONNREFUSED 127.0.0.1:9', 'unavailable')).toBe(false);
		expect(timeline.entries()[0]).toEqual({
			kind: 'status',
			at: 3000,
			from: 'fail',
			to: 'fail',
			responseTimeMs: null,
			error: 'connect ECONNREFUSED 127.0.0.1:9',
		});
	});

	it('is bounded', () => {
		const timeline = new Timeline(5);
		for (let i = 0; i < 100; i++) timeline.observe(i, i % 2 ? 'pass' : 'fail', null, null);
		expect(timeline.entries()).toHaveLength(5);
		expect(timeline.entries()[0]?.at).toBe(99);
	});
});
