// A drop-in for Ink 6.8's log-update (ink/build/log-update.js), which scripts/build.mjs puts in
// the bundle in its place. Ink's incremental writer rewrites every line that changed, whole:
// on this screen the chart scrolls a column every second, so most of its rows and every
// "ago" and counter went out again each frame (measured: ~940 bytes a frame, more than htop
// sends for its whole screen). This one knows what each cell of the terminal shows and sends
// only the cells that changed, with absolute cursor moves (row-update.ts).
//
// It relies on what the full-screen monitor guarantees: the frame is drawn at the top-left of
// the alternate screen (the terminal guard clears it and homes the cursor before the first
// frame, and a resize clears it and draws an empty frame first, see redraw.ts), nothing else
// writes into it, and the frame is never taller than the terminal. test/ui/ink-render/
// log-update.test.ts replays its bytes in a real terminal emulator against full redraws.

import {rowCells, type RowCells} from './row-cells.js';
import {BLANK_ROW, setStyle, updateRow, type Pen} from './row-update.js';

interface CursorPosition {
	readonly x: number;
	readonly y: number;
}

interface Stream {
	write(text: string): unknown;
	readonly isTTY?: boolean;
	readonly columns?: number;
	readonly rows?: number;
}

/** What one terminal row shows: cells, or a row that is only ever rewritten whole. */
type ScreenRow = {readonly text: string; readonly cells: RowCells | null};

export interface LogUpdate {
	(text: string): boolean;
	clear(): void;
	done(): void;
	sync(text: string): void;
	setCursorPosition(position: CursorPosition | undefined): void;
	isCursorDirty(): boolean;
	willRender(text: string): boolean;
}

const HIDE_CURSOR = '\u001B[?25l';
const SHOW_CURSOR = '\u001B[?25h';
const ERASE_ALL_FROM_HOME = '\u001B[H\u001B[J';

/** The frame's rows: a trailing newline ends the last row, it does not start another. */
function rowsOf(text: string): string[] {
	const rows = text.split('\n');
	if (text.endsWith('\n')) rows.pop();
	return rows;
}

function samePosition(a: CursorPosition | undefined, b: CursorPosition | undefined): boolean {
	return a === b || (a !== undefined && b !== undefined && a.x === b.x && a.y === b.y);
}

function create(stream: Stream, {showCursor = false}: {showCursor?: boolean; incremental?: boolean} = {}): LogUpdate {
	let screen: ScreenRow[] = [];
	let previousOutput = '';
	let drawn = false;
	let cursorHidden = false;
	let cursorPosition: CursorPosition | undefined;
	let cursorDirty = false;
	let shownCursor: CursorPosition | undefined;

	const columns = () => (stream.columns && stream.columns > 0 ? stream.columns : 80);
	const activeCursor = () => (cursorDirty ? cursorPosition : undefined);
	const hasChanges = (text: string, cursor: CursorPosition | undefined) => text !== previousOutput || !samePosition(cursor, shownCursor);

	function toScreenRow(text: string, width: number): ScreenRow {
		return {text, cells: rowCells(text, width)};
	}

	/** The bytes that take the terminal from `screen` to `rows`; `screen` is updated. */
	function frameBytes(rows: readonly string[], pen: Pen): string {
		const width = columns();
		const limit = stream.rows && stream.rows > 0 ? Math.min(rows.length, stream.rows) : rows.length;
		let out = '';
		const next: ScreenRow[] = [];
		for (let y = 0; y < limit; y++) {
			const text = rows[y] as string;
			const before = screen[y];
			if (before !== undefined && before.text === text) {
				next.push(before);
				continue;
			}
			const row = toScreenRow(text, width);
			next.push(row);
			const old = before?.cells ?? (before === undefined ? BLANK_ROW : null);
			if (old !== null && row.cells !== null) {
				out += updateRow(y, old, row.cells, width, pen);
			} else {
				// A row that is not plain cells is written whole on a row erased first, as Ink does.
				// Erased first, not after: a row that fills the width leaves the cursor waiting to
				// wrap at the last column, and xterm's erase-to-end-of-line there clears that last
				// cell (tmux and xterm.js keep it). Where the cursor ends up is not tracked.
				out += `\u001B[${y + 1};1H${setStyle(pen, '')}\u001B[2K${text}\u001B[0m`;
				pen.row = -1;
				pen.column = -1;
				pen.style = '';
			}
		}
		if (screen.length > limit) out += `\u001B[${limit + 1};1H${setStyle(pen, '')}\u001B[J`;
		screen = next;
		return out;
	}

	const render = ((text: string): boolean => {
		if (!showCursor && !cursorHidden) {
			if (stream.isTTY) stream.write(HIDE_CURSOR);
			cursorHidden = true;
		}
		const cursor = activeCursor();
		cursorDirty = false;
		if (!hasChanges(text, cursor)) return false;
		const pen: Pen = {row: -1, column: -1, style: ''};
		// The first frame (or the first after clear) makes sure it draws on an empty screen.
		let out = drawn ? '' : ERASE_ALL_FROM_HOME;
		if (text !== previousOutput) out += frameBytes(rowsOf(text), pen);
		if (pen.style !== '') out += '\u001B[0m';
		if (cursor !== undefined) out += `\u001B[${cursor.y + 1};${cursor.x + 1}H${SHOW_CURSOR}`;
		else if (shownCursor !== undefined) out += HIDE_CURSOR;
		if (out) stream.write(out);
		drawn = true;
		previousOutput = text;
		shownCursor = cursor ? {...cursor} : undefined;
		return true;
	}) as LogUpdate;

	render.clear = () => {
		if (drawn) stream.write(ERASE_ALL_FROM_HOME);
		screen = [];
		previousOutput = '';
		drawn = false;
		shownCursor = undefined;
	};

	render.done = () => {
		screen = [];
		previousOutput = '';
		drawn = false;
		shownCursor = undefined;
		if (!showCursor) {
			if (stream.isTTY) stream.write(SHOW_CURSOR);
			cursorHidden = false;
		}
	};

	// Ink wrote `text` itself (a full redraw from the top): this is now what the screen shows.
	render.sync = (text: string) => {
		const cursor = activeCursor();
		cursorDirty = false;
		const width = columns();
		screen = rowsOf(text).map(row => toScreenRow(row, width));
		previousOutput = text;
		drawn = true;
		if (cursor === undefined && shownCursor !== undefined) stream.write(HIDE_CURSOR);
		if (cursor !== undefined) stream.write(`\u001B[${cursor.y + 1};${cursor.x + 1}H${SHOW_CURSOR}`);
		shownCursor = cursor ? {...cursor} : undefined;
	};

	render.setCursorPosition = position => {
		cursorPosition = position;
		cursorDirty = true;
	};
	render.isCursorDirty = () => cursorDirty;
	render.willRender = text => hasChanges(text, activeCursor());
	return render;
}

const logUpdate = {create};
export default logUpdate;
