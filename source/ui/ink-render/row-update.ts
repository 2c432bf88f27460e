// The bytes that turn one terminal row from what it shows into what the new frame has: only
// the runs of cells that differ, each after one cursor move. A row whose content moved left
// (the chart scrolls one column a probe) is first shifted on the terminal itself with DCH
// (delete character, CSI n P: the rest of the line moves left, blanks come in at the right
// margin; VT102 and every terminal since), so a scroll costs a few bytes instead of the row.

import {contentLength, type RowCells} from './row-cells.js';

/** What the terminal's cursor and pen are known to be while a frame is written. */
export interface Pen {
	/** 0-based; -1 when unknown (after a raw write, or in the pending-wrap state at the margin). */
	row: number;
	column: number;
	/** The SGR parameters in force, "" for the default look. */
	style: string;
}

// Equal cells between two changed runs that are cheaper to write again than to jump over
// (a column move is ESC [ n G: four or five bytes).
const GAP = 4;
// How far a row may have moved left to be shifted rather than rewritten (more than one probe
// between two frames happens after "probe now" or a step's finish).
const MAX_SHIFT = 3;

export const BLANK_ROW: RowCells = Object.freeze({chars: [], styles: []});

function moveTo(pen: Pen, row: number, column: number): string {
	if (pen.row === row && pen.column === column) return '';
	const text = pen.row === row && pen.column !== -1 ? `\u001B[${column + 1}G` : `\u001B[${row + 1};${column + 1}H`;
	pen.row = row;
	pen.column = column;
	return text;
}

export function setStyle(pen: Pen, style: string): string {
	if (pen.style === style) return '';
	pen.style = style;
	// From a reset, so the pen's state is exactly `style` whatever it was.
	return style === '' ? '\u001B[0m' : `\u001B[0;${style}m`;
}

function charAt(cells: RowCells, i: number): string {
	return cells.chars[i] ?? ' ';
}

function styleAt(cells: RowCells, i: number): string {
	return cells.styles[i] ?? '';
}

function same(a: RowCells, b: RowCells, i: number): boolean {
	return charAt(a, i) === charAt(b, i) && styleAt(a, i) === styleAt(b, i);
}

/** The row after DCH of `count` cells at `at` on a terminal `columns` wide. */
export function shiftLeft(cells: RowCells, at: number, count: number, columns: number): RowCells {
	const chars = cells.chars.slice(0, at);
	const styles = cells.styles.slice(0, at);
	for (let i = at + count; i < Math.min(columns, cells.chars.length); i++) {
		chars.push(cells.chars[i] as string);
		styles.push(cells.styles[i] as string);
	}
	return {chars, styles};
}

/** The runs of differing cells from `from` on, and an erase of what `next` no longer has. */
function diffRow(row: number, from: RowCells, next: RowCells, columns: number, pen: Pen): string {
	const nextEnd = contentLength(next);
	const fromEnd = contentLength(from);
	let out = '';
	let c = 0;
	while (c < nextEnd) {
		if (same(from, next, c)) {
			c++;
			continue;
		}
		let end = c + 1;
		for (;;) {
			if (end < nextEnd && !same(from, next, end)) {
				end++;
				continue;
			}
			let gapEnd = end;
			while (gapEnd < nextEnd && gapEnd - end < GAP && same(from, next, gapEnd)) gapEnd++;
			if (gapEnd < nextEnd && gapEnd - end < GAP) end = gapEnd;
			else break;
		}
		out += moveTo(pen, row, c);
		for (let i = c; i < end; i++) {
			out += setStyle(pen, styleAt(next, i));
			out += charAt(next, i);
		}
		// At the right margin the cursor waits to wrap: its column is not to be relied on.
		pen.column = end >= columns ? -1 : end;
		c = end;
	}
	if (fromEnd > nextEnd) out += moveTo(pen, row, nextEnd) + setStyle(pen, '') + '\u001B[K';
	return out;
}

/** The bytes that make terminal row `row` (0-based) show `next` where it showed `previous`. */
export function updateRow(row: number, previous: RowCells, next: RowCells, columns: number, pen: Pen): string {
	let first = 0;
	const length = Math.max(previous.chars.length, next.chars.length);
	while (first < length && same(previous, next, first)) first++;
	if (first === length) return '';

	const start = {...pen};
	let best = diffRow(row, previous, next, columns, pen);
	let bestPen = {...pen};
	for (let count = 1; count <= MAX_SHIFT && first + count < previous.chars.length; count++) {
		// Worth trying only when the cell `count` to the right of the first change is what the
		// new row has there.
		if (!(charAt(previous, first + count) === charAt(next, first) && styleAt(previous, first + count) === styleAt(next, first))) continue;
		const trial: Pen = {...start};
		let text = moveTo(trial, row, first) + setStyle(trial, '') + (count === 1 ? '\u001B[P' : `\u001B[${count}P`);
		text += diffRow(row, shiftLeft(previous, first, count, columns), next, columns, trial);
		if (text.length < best.length) {
			best = text;
			bestPen = trial;
		}
	}
	pen.row = bestPen.row;
	pen.column = bestPen.column;
	pen.style = bestPen.style;
	return best;
}
