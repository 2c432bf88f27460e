// The bench's frame analysis must count what really changed on screen, or its proposals
// (how many bytes a cell-level diff would save) would be wrong.

import {describe, expect, it} from 'vitest';
import {analyseFrames} from '../../bench/frame-analysis.js';
import {readShownResponseTime} from '../../bench/run-terminal.js';

const chunk = (at: number, text: string) => ({at, data: Buffer.from(text, 'utf8')});

describe('analyseFrames', () => {
	it('sets the bytes a frame sent against the cells that changed', async () => {
		const chunks = [
			chunk(0, '\x1b[H\x1b[2J PASS  30 ms · just now\r\nsecond row\r\n'),
			// A whole row re-sent (erase + rewrite) to change two characters.
			chunk(1000, '\x1b[H\x1b[2K PASS  41 ms · just now'),
			// Two writes 5 ms apart are one frame.
			chunk(2000, '\x1b[2;1H\x1b[2Ksecond row!'),
			chunk(2005, '\x1b[3;1Hthird'),
		];
		const result = await analyseFrames(chunks, 500, 3000, 40, 5);
		expect(result.frames).toBe(2);
		const sizes = [Buffer.byteLength('\x1b[H\x1b[2K PASS  41 ms · just now'), Buffer.byteLength('\x1b[2;1H\x1b[2Ksecond row!\x1b[3;1Hthird')];
		expect(result.bytesPerFrameMax).toBe(Math.max(...sizes));
		expect(result.bytesPerFrameMean).toBe((sizes[0]! + sizes[1]!) / 2);
		expect(result.changedCellsMean).toBe((2 + 6) / 2);
		expect(result.changedRowsMean).toBe((1 + 2) / 2);
		expect(result.rewrittenRowsMean).toBe(1);
		// One run of 2 cells; then a run of 1 cell and a run of 5: a cursor move (8 B) each plus the characters.
		expect(result.cellDiffBytes).toBe(8 + 2 + (8 + 1) + (8 + 5));
		const kinds = new Map(result.byKind.map(kind => [kind.kind, kind.count]));
		expect(kinds.get('CSI K (erase in line)')).toBe(2);
		expect(kinds.get('CSI H (cursor position)')).toBe(3);
	});

	it('counts a colour change as a change and prices the colour', async () => {
		const chunks = [chunk(0, '\x1b[H\x1b[32mok\x1b[39m'), chunk(1000, '\x1b[H\x1b[31mok\x1b[39m')];
		const result = await analyseFrames(chunks, 500, 2000, 20, 2);
		expect(result.changedCellsMean).toBe(2);
		expect(result.cellDiffBytes).toBe(8 + 10 + 2);
	});
});

describe('readShownResponseTime', () => {
	const screen = (ms: number, probes: number) => [`check.auth.token-service`, ` PASS  ${ms} ms · just now · every 1 s`, `── Response time, ms, log scale · ${probes} probes over ${probes - 1} s ──`];

	it('reads the status line once per new probe', () => {
		expect(readShownResponseTime(screen(30, 5), screen(41, 4))).toBe(30);
		expect(readShownResponseTime(screen(30, 5), screen(30, 5))).toBeNull();
		expect(readShownResponseTime(['waiting for the first probe'], [])).toBeNull();
	});

	it('still sees new probes once the chart is full (its title count stops growing)', () => {
		const full = (ms: number, passes: number) => [
			...screen(ms, 89),
			'response ms   min   p50   p95   p99   max  avail pass warn fail',
			`since start     3     4   104   104   104   100%  ${passes}    1    0`,
		];
		expect(readShownResponseTime(full(7, 120), full(5, 119))).toBe(7);
		expect(readShownResponseTime(full(7, 120), full(7, 120))).toBeNull();
		const wide = (ms: number, passes: number) => [...screen(ms, 89), `since start   74   74   74   74   74   100% ${passes}/0/0`];
		expect(readShownResponseTime(wide(9, 31), wide(8, 30))).toBe(9);
	});
});
