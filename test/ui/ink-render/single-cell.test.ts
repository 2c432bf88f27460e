import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {tokenize} from '@alcalzone/ansi-tokenize';
import {isSingleCell, singleCellWidth} from '../../../source/ui/ink-render/single-cell.js';

const accepted = Array.from({length: 0x10000}, (_, code) => code).filter(isSingleCell);

describe('single-cell characters', () => {
	it('covers the characters this app draws', () => {
		for (const char of 'aZ09 ~─│╭╮╰╯┤┼═▁█▔·…°×↑↓→⠿•‐–—') expect(isSingleCell(char.charCodeAt(0)), char).toBe(true);
		for (const char of 'é日👍\t\u0300\u200d\ufe0f\u001b') expect(isSingleCell(char.charCodeAt(0)), JSON.stringify(char)).toBe(false);
	});

	it('are, every one of them, one cell for string-width and one plain character for ansi-tokenize', () => {
		expect(accepted.length).toBeGreaterThan(500);
		for (const code of accepted) {
			const char = String.fromCharCode(code);
			expect(stringWidth(char), `U+${code.toString(16)}`).toBe(1);
			expect(tokenize(char), `U+${code.toString(16)}`).toEqual([{type: 'char', value: char, fullWidth: false}]);
		}
	});

	it('measure coloured lines as string-width does, and decline anything else', () => {
		const lines = ['\u001B[1m\u001B[32m── ok ──\u001B[39m\u001B[22m', 'plain', '', '\u001B[0m', '⠁⠂ 12 ms · 5 s ago…'];
		for (const line of lines) expect(singleCellWidth(line), line).toBe(stringWidth(line));
		for (const line of ['日本', 'e\u0301', '\u001B]8;;http://x\u0007link\u001B]8;;\u0007', 'tab\there', '\u001B[2K']) {
			expect(singleCellWidth(line), JSON.stringify(line)).toBeNull();
		}
	});
});
