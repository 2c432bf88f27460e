import {describe, expect, it} from 'vitest';
import {LineRing} from '../../source/remediation/line-ring.js';
import {LineSplitter} from '../../source/remediation/line-splitter.js';

const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');

describe('LineSplitter', () => {
	it('emits only complete lines and the rest at the end', () => {
		const splitter = new LineSplitter();
		expect(splitter.push(bytes('one\ntw'))).toEqual(['one']);
		expect(splitter.push(bytes('o\nthree'))).toEqual(['two']);
		expect(splitter.end()).toEqual(['three']);
	});

	it('removes an escape sequence split across chunks', () => {
		const splitter = new LineSplitter();
		expect(splitter.push(bytes('a\u001b]52;c;aGFj'))).toEqual([]);
		expect(splitter.push(bytes('aw==\u0007b\u001b['))).toEqual([]);
		expect(splitter.push(bytes('31mred\u001b[0m\n'))).toEqual(['abred']);
	});

	it('keeps a UTF-8 character split across chunks', () => {
		const splitter = new LineSplitter();
		const euro = bytes('€\n');
		expect(splitter.push(euro.subarray(0, 1))).toEqual([]);
		expect(splitter.push(euro.subarray(1))).toEqual(['€']);
	});

	it('treats \\r\\n split across chunks as one line end, and a lone \\r as one', () => {
		const splitter = new LineSplitter();
		expect(splitter.push(bytes('a\r'))).toEqual([]);
		expect(splitter.push(bytes('\nb\rc\n'))).toEqual(['a', 'b', 'c']);
	});

	it('cuts long lines and bounds a line that never ends', () => {
		const splitter = new LineSplitter({maxLineLength: 10, maxPending: 20});
		expect(splitter.push(bytes('x'.repeat(15) + '\n'))).toEqual(['x'.repeat(9) + '…']);
		expect(splitter.push(bytes('y'.repeat(25)))).toEqual(['y'.repeat(9) + '…']);
		// The rest of that endless line is dropped up to its end.
		expect(splitter.push(bytes('y'.repeat(30)))).toEqual([]);
		expect(splitter.push(bytes('yy\nnext\n'))).toEqual(['next']);
	});
});

describe('LineRing', () => {
	it('keeps the last N items and counts the dropped ones', () => {
		const ring = new LineRing<number>(3);
		for (let i = 1; i <= 5; i++) ring.push(i);
		expect(ring.toArray()).toEqual([3, 4, 5]);
		expect(ring.dropped).toBe(2);
		ring.clear();
		expect(ring.toArray()).toEqual([]);
		expect(() => new LineRing(0)).toThrow(RangeError);
	});
});
