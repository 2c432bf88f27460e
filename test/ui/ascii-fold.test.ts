import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {foldToAscii} from '../../source/ui/ascii-fold.js';
import {createInkStdout} from '../../source/ui/ink-stdout.js';

describe('ASCII fold', () => {
	it('maps the glyphs the panels use to look-alikes of the same width', () => {
		expect(foldToAscii('› 1 Check · status — ok…')).toBe('> 1 Check | status - ok.');
		expect(foldToAscii('╭──╮│┊×')).toBe('+--+|:x');
	});

	it('keeps the column count for anything else, wide characters included', () => {
		const hostile = 'naïve 認証 \ufffd';
		const folded = foldToAscii(hostile);
		expect(folded).toMatch(/^[\x20-\x7e]*$/);
		expect(folded.length).toBe(stringWidth(hostile));
	});
});

describe('the stream Ink writes to', () => {
	function capture(options: {ascii?: boolean; colour?: boolean}) {
		const written: string[] = [];
		const fake = {write: (chunk: string) => written.push(chunk) > 0, columns: 80} as unknown as NodeJS.WriteStream;
		return {stream: createInkStdout(fake, options), written};
	}

	it('steps over a run of unchanged lines in one move', () => {
		const {stream, written} = capture({});
		stream.write('\u001b[E\u001b[E\u001b[E\u001b[Gchanged\u001b[K\u001b[E');
		expect(written).toEqual(['\u001b[3E\u001b[Gchanged\u001b[K\u001b[E']);
	});

	it('anchors an incremental frame at the top-left', () => {
		const {stream, written} = capture({});
		stream.write('\u001b[23Aframe');
		expect(written).toEqual(['\u001b[Hframe']);
	});

	it('sends no attribute at all without colour, and only ASCII in ASCII mode', () => {
		const {stream, written} = capture({ascii: true, colour: false});
		stream.write('\u001b[1m\u001b[32m PASS \u001b[39m\u001b[22m · 42 ms');
		expect(written).toEqual([' PASS  | 42 ms']);
		expect(capture({colour: true}).stream.columns).toBe(80);
	});
});
