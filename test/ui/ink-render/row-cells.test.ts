// Reading a row of Ink's output into cells: every SGR code the screen uses, the state each
// cell is drawn with, and the rows that are left whole (opaque) because cells cannot be told.

import {describe, expect, it} from 'vitest';
import {contentLength, rowCells} from '../../../source/ui/ink-render/row-cells.js';

describe('rowCells', () => {
	it('gives each cell its character and the SGR state it is drawn with', () => {
		const cells = rowCells('a\u001B[1m\u001B[33mbc\u001B[39md\u001B[22me', 80);
		expect(cells?.chars).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(cells?.styles).toEqual(['', '1;33', '1;33', '1', '']);
	});

	it('reads combined, 256-colour and true-colour codes, and ESC[m as a reset', () => {
		const cells = rowCells('\u001B[1;37;44mA\u001B[38;5;208mB\u001B[48;2;1;2;3mC\u001B[mD\u001B[7;4mE\u001B[27;24mF', 80);
		expect(cells?.styles).toEqual(['1;37;44', '1;38;5;208;44', '1;38;5;208;48;2;1;2;3', '', '4;7', '']);
	});

	it('22 ends both bold and dim; 39 and 49 end the colours', () => {
		const cells = rowCells('\u001B[1m\u001B[2mx\u001B[22my\u001B[31;42mz\u001B[39mw\u001B[49mv', 80);
		expect(cells?.styles).toEqual(['1;2', '', '31;42', '42', '']);
	});

	it('keeps no more cells than the terminal has columns', () => {
		expect(rowCells('x'.repeat(30), 20)?.chars).toHaveLength(20);
	});

	it('leaves rows it cannot split into cells whole: wide, combining, other escapes, bad codes', () => {
		for (const row of ['日本', 'e\u0301', '👍', '\u001B]8;;https://x.test\u0007x\u001B]8;;\u0007', '\u001B[2Jx', '\u001B[4:3mx', '\u001B[38;5;300mx', '\u001B[38;9mx', '\u0007']) {
			expect(rowCells(row, 80), JSON.stringify(row)).toBeNull();
		}
	});

	it('counts trailing default-looking spaces as blank, styled ones as content', () => {
		expect(contentLength(rowCells('ab   ', 80)!)).toBe(2);
		expect(contentLength(rowCells('ab\u001B[41m  \u001B[49m ', 80)!)).toBe(4);
		expect(contentLength(rowCells('', 80)!)).toBe(0);
	});
});
