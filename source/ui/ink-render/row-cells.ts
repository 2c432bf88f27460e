// One row of Ink's frame as terminal cells: the character in each cell and the SGR state it is
// drawn with. The screen writer (log-update.ts) compares rows cell by cell, so what it sends is
// only what changed, whatever codes Ink used to get there.
//
// Only rows made of SGR codes and single-cell characters (single-cell.ts: nearly every row of
// this screen) are split into cells. Anything else (a wide or combining character, another
// escape sequence) makes the row opaque: it is then rewritten whole whenever it changes, as
// Ink itself would.

import {isSingleCell} from './single-cell.js';

export interface RowCells {
	/** One character per cell, from the first column; cells past the end are blank. */
	readonly chars: readonly string[];
	/** The SGR parameters of each cell from a reset ("1;33"), "" for the default look. */
	readonly styles: readonly string[];
}

/** The SGR state while a row is read, kept as parameter strings so that a style is one string. */
interface Attributes {
	bold: boolean;
	dim: boolean;
	italic: boolean;
	underline: boolean;
	blink: boolean;
	inverse: boolean;
	hidden: boolean;
	strike: boolean;
	overline: boolean;
	fg: string;
	bg: string;
}

function reset(attributes: Attributes): void {
	attributes.bold = false;
	attributes.dim = false;
	attributes.italic = false;
	attributes.underline = false;
	attributes.blink = false;
	attributes.inverse = false;
	attributes.hidden = false;
	attributes.strike = false;
	attributes.overline = false;
	attributes.fg = '';
	attributes.bg = '';
}

function styleOf(a: Attributes): string {
	const parts: string[] = [];
	if (a.bold) parts.push('1');
	if (a.dim) parts.push('2');
	if (a.italic) parts.push('3');
	if (a.underline) parts.push('4');
	if (a.blink) parts.push('5');
	if (a.inverse) parts.push('7');
	if (a.hidden) parts.push('8');
	if (a.strike) parts.push('9');
	if (a.overline) parts.push('53');
	if (a.fg) parts.push(a.fg);
	if (a.bg) parts.push(a.bg);
	return parts.join(';');
}

/** An extended colour after 38/48 at `index`: its parameters, or null when malformed. */
function extendedColour(params: readonly string[], index: number): {text: string; used: number} | null {
	const kind = params[index + 1];
	if (kind === '5') {
		const n = params[index + 2];
		return n !== undefined && /^\d{1,3}$/.test(n) && Number(n) <= 255 ? {text: `${params[index]};5;${n}`, used: 3} : null;
	}
	if (kind === '2') {
		const rgb = params.slice(index + 2, index + 5);
		return rgb.length === 3 && rgb.every(n => /^\d{1,3}$/.test(n) && Number(n) <= 255)
			? {text: `${params[index]};2;${rgb.join(';')}`, used: 5}
			: null;
	}
	return null;
}

/** Applies one SGR sequence's parameters; false for a parameter this reader does not know. */
function applySgr(a: Attributes, body: string): boolean {
	// ESC[m is ESC[0m; colon sub-parameters (curly underlines …) are not read here.
	if (body.includes(':')) return false;
	const params = body === '' ? ['0'] : body.split(';');
	for (let i = 0; i < params.length; i++) {
		const p = params[i] === '' ? '0' : (params[i] as string);
		if (!/^\d{1,3}$/.test(p)) return false;
		const n = Number(p);
		if (n === 0) reset(a);
		else if (n === 1) a.bold = true;
		else if (n === 2) a.dim = true;
		else if (n === 22) a.bold = a.dim = false;
		else if (n === 3) a.italic = true;
		else if (n === 23) a.italic = false;
		else if (n === 4) a.underline = true;
		else if (n === 24) a.underline = false;
		else if (n === 5) a.blink = true;
		else if (n === 25) a.blink = false;
		else if (n === 7) a.inverse = true;
		else if (n === 27) a.inverse = false;
		else if (n === 8) a.hidden = true;
		else if (n === 28) a.hidden = false;
		else if (n === 9) a.strike = true;
		else if (n === 29) a.strike = false;
		else if (n === 53) a.overline = true;
		else if (n === 55) a.overline = false;
		else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) a.fg = p;
		else if (n === 39) a.fg = '';
		else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) a.bg = p;
		else if (n === 49) a.bg = '';
		else if (n === 38 || n === 48) {
			const colour = extendedColour(params.map(q => (q === '' ? '0' : q)), i);
			if (colour === null) return false;
			if (n === 38) a.fg = colour.text;
			else a.bg = colour.text;
			i += colour.used - 1;
		} else return false;
	}
	return true;
}

const SGR_AT = /\u001B\[([0-9;:]*)m/y;

/**
 * The cells of one row of Ink's output, or null when the row holds anything but SGR codes and
 * single-cell characters. At most `columns` cells are kept: the terminal has no more.
 */
export function rowCells(row: string, columns: number): RowCells | null {
	const chars: string[] = [];
	const styles: string[] = [];
	const attributes: Attributes = {} as Attributes;
	reset(attributes);
	let style = '';
	for (let i = 0; i < row.length; ) {
		const code = row.charCodeAt(i);
		if (code === 0x1b) {
			SGR_AT.lastIndex = i;
			const match = SGR_AT.exec(row);
			if (match === null || !applySgr(attributes, match[1] as string)) return null;
			style = styleOf(attributes);
			i = SGR_AT.lastIndex;
			continue;
		}
		if (!isSingleCell(code)) return null;
		if (chars.length < columns) {
			chars.push(row[i] as string);
			styles.push(style);
		}
		i++;
	}
	return {chars, styles};
}

/** Cells past the last one that is not a default-looking space are blank on the screen. */
export function contentLength(cells: RowCells): number {
	let end = cells.chars.length;
	while (end > 0 && cells.chars[end - 1] === ' ' && cells.styles[end - 1] === '') end--;
	return end;
}
