import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {BoundedMemo} from '../../../source/ui/ink-render/bounded-memo.js';
import memoStringWidth from '../../../source/ui/ink-render/memo-string-width.js';

describe('BoundedMemo', () => {
	it('computes a value once while it is in use', () => {
		const memo = new BoundedMemo<number>(4);
		let calls = 0;
		const compute = (key: string) => {
			calls++;
			return key.length;
		};
		for (let i = 0; i < 10; i++) expect(memo.get('abc', compute)).toBe(3);
		expect(calls).toBe(1);
	});

	it('never holds more than two generations, however many keys pass through', () => {
		const memo = new BoundedMemo<string>(8);
		for (let i = 0; i < 10_000; i++) memo.get(`key ${i}`, key => key.toUpperCase());
		expect(memo.size).toBeLessThanOrEqual(16);
		expect(memo.get('key 9999', () => 'recomputed')).toBe('KEY 9999');
	});

	it('keeps a key used every generation', () => {
		const memo = new BoundedMemo<number>(3);
		let calls = 0;
		for (let i = 0; i < 100; i++) {
			memo.get('kept', () => ++calls);
			memo.get(`passing ${i}`, () => 0);
		}
		expect(calls).toBe(1);
	});
});

describe('memoStringWidth', () => {
	it('answers as string-width does, with and without options', () => {
		for (const text of ['', 'abc', '日本語', '👍', '\u001B[31mred\u001B[39m', 'é', 'a\tb', '─'.repeat(50)]) {
			expect(memoStringWidth(text)).toBe(stringWidth(text));
			expect(memoStringWidth(text)).toBe(stringWidth(text));
			expect(memoStringWidth(text, {ambiguousIsNarrow: false})).toBe(stringWidth(text, {ambiguousIsNarrow: false}));
		}
	});
});
