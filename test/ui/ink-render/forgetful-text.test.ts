// Ink's text measuring and wrapping, replaced in the bundle by versions that forget: they must
// answer exactly as Ink's own do (imported from node_modules, the files the build checks by
// hash), and stay bounded however much new text a monitor draws over days.

import {describe, expect, it} from 'vitest';
import inkMeasureText from '../../../node_modules/ink/build/measure-text.js';
import inkWrapText from '../../../node_modules/ink/build/wrap-text.js';
import measureText, {rememberedSizes} from '../../../source/ui/ink-render/measure-text.js';
import wrapText, {rememberedWraps} from '../../../source/ui/ink-render/wrap-text.js';

const TEXTS = [
	'',
	'abc',
	'two\nlines, the second longer',
	'日本語 and ascii',
	'👍 ok',
	'\u001B[1;32mPASS\u001B[22;39m 3 ms · just now',
	'é combining e\u0301',
	'─'.repeat(120),
	'a very long line that will need to wrap somewhere around here, with words of various lengths',
	'\n\n',
	'trailing space ',
];
const WRAP_TYPES = ['wrap', 'truncate', 'truncate-end', 'truncate-middle', 'truncate-start', 'end', 'middle'] as const;

describe('the bounded measure-text and wrap-text', () => {
	it("answer as Ink's own do", () => {
		for (const text of TEXTS) {
			expect(measureText(text), JSON.stringify(text)).toEqual(inkMeasureText(text));
			for (const wrapType of WRAP_TYPES) {
				for (const width of [1, 5, 12, 40, 200]) {
					expect(wrapText(text, width, wrapType), `${JSON.stringify(text)} ${wrapType} ${width}`).toBe(inkWrapText(text, width, wrapType));
				}
			}
		}
	});

	it('remember a bounded number of texts, however many new ones pass', () => {
		for (let i = 0; i < 20_000; i++) {
			const text = `since start  ${i}  ${i * 7}  100% · ${i % 60} s ago`;
			expect(measureText(text).height).toBe(1);
			wrapText(text, 20, 'truncate-end');
		}
		expect(rememberedSizes()).toBeLessThanOrEqual(512);
		expect(rememberedWraps()).toBeLessThanOrEqual(256);
	});

	it('keys a wrap by width and text apart ("a" at 12 is not "a1" at 2)', () => {
		expect(wrapText('a', 12, 'wrap')).toBe('a');
		expect(wrapText('a1', 2, 'wrap')).toBe('a1');
		expect(wrapText('abcdef', 3, 'truncate-end')).toBe('ab…');
		expect(wrapText('abcdef', 4, 'truncate-end')).toBe('abc…');
	});
});
