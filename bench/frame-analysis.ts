// Why a program costs the bytes it does: the window's output is cut into frames (bursts of
// writes), each replayed into a headless terminal, and what the frame sent is set against
// what actually changed on screen. The gap between the two is what a cell-level diff would save.

import xterm from '@xterm/headless';
import type {Chunk} from './pty-session.js';

const {Terminal} = xterm;

/** Writes closer together than this belong to one frame. */
const FRAME_GAP_MS = 40;
/** Cost of moving the cursor to a changed run (CSI row;col H), in bytes. */
const CURSOR_MOVE_BYTES = 8;
/** Changed runs closer than this many cells are sent as one run (cheaper than a second move). */
const RUN_MERGE_GAP = CURSOR_MOVE_BYTES;
/** Cost of a colour/style change (CSI …m), in bytes. */
const SGR_BYTES = 10;

export interface FrameAnalysis {
	readonly frames: number;
	readonly bytesPerFrameMean: number;
	readonly bytesPerFrameMax: number;
	/** Rows whose content changed, per frame (mean). */
	readonly changedRowsMean: number;
	/** Rows the program erased to the end of line (rewrote), per frame (mean). */
	readonly rewrittenRowsMean: number;
	/** Cells (character or colour) that changed, per frame (mean). */
	readonly changedCellsMean: number;
	/** Rough bytes a renderer sending only changed runs would have sent over the window. */
	readonly cellDiffBytes: number;
	/** Share of the window's bytes by kind of escape sequence, and plain text. */
	readonly byKind: ReadonlyArray<{kind: string; bytes: number; count: number}>;
	/** What `read` returned for each frame's screen, where it returned a value. */
	readonly readings: readonly number[];
}

function mean(values: number[]): number {
	return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Reads a figure off a screen (e.g. the response time it shows); null when there is none. */
export type ScreenReader = (lines: string[], previous: string[]) => number | null;

function text(rows: string[][]): string[] {
	return rows.map(row => row.map(cell => cell.split('|')[0] || ' ').join(''));
}

function writeSync(terminal: InstanceType<typeof Terminal>, data: Uint8Array): Promise<void> {
	return new Promise(resolve => terminal.write(data, resolve));
}

/** Each cell as character plus its attributes, so a colour change counts as a change. */
function cells(terminal: InstanceType<typeof Terminal>, cols: number, rows: number): string[][] {
	const buffer = terminal.buffer.active;
	const cell = buffer.getNullCell();
	const out: string[][] = [];
	for (let y = 0; y < rows; y++) {
		const line = buffer.getLine(buffer.viewportY + y);
		const row: string[] = [];
		for (let x = 0; x < cols; x++) {
			const c = line?.getCell(x, cell);
			row.push(c ? `${c.getChars()}|${c.getFgColorMode()}:${c.getFgColor()}|${c.getBgColorMode()}:${c.getBgColor()}|${c.isBold()}${c.isInverse()}${c.isDim()}` : '');
		}
		out.push(row);
	}
	return out;
}

function attributes(cell: string): string {
	return cell.slice(cell.indexOf('|'));
}

/**
 * What changed between two screens, and a rough price for sending only that: per run of
 * changed cells a cursor move, a colour change where the run (or a cell in it) is not in the
 * default colours, and the characters themselves (small gaps are sent rather than jumped).
 */
function cellDiff(before: string[][], after: string[][], defaultAttributes: string): {rows: number; cells: number; bytes: number} {
	let rows = 0;
	let cells = 0;
	let bytes = 0;
	after.forEach((row, y) => {
		const old = before[y] as string[];
		let lastChanged = -Infinity;
		let attributesInRun = defaultAttributes;
		let changedHere = false;
		row.forEach((cell, x) => {
			if (cell === old[x]) return;
			changedHere = true;
			cells++;
			const gap = x - lastChanged - 1;
			if (gap >= RUN_MERGE_GAP) {
				bytes += CURSOR_MOVE_BYTES;
				attributesInRun = defaultAttributes;
			} else {
				// The unchanged cells in between are sent again (cheaper than a second move).
				for (let between = lastChanged + 1; between < x; between++) bytes += Buffer.byteLength((row[between] as string).split('|')[0] || ' ');
			}
			const wanted = attributes(cell);
			if (wanted !== attributesInRun) {
				bytes += SGR_BYTES;
				attributesInRun = wanted;
			}
			bytes += Buffer.byteLength(cell.split('|')[0] || ' ');
			lastChanged = x;
		});
		if (changedHere) rows++;
	});
	return {rows, cells, bytes};
}

function classify(text: string): Map<string, {bytes: number; count: number}> {
	const kinds = new Map<string, {bytes: number; count: number}>();
	const add = (kind: string, bytes: number) => {
		const entry = kinds.get(kind) ?? {bytes: 0, count: 0};
		entry.bytes += bytes;
		entry.count++;
		kinds.set(kind, entry);
	};
	// CSI (ESC [ params final), OSC, other ESC, newline, plain text.
	const pattern = /\x1b\[([0-9;?<>=]*)([ -\/]*[@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[^[\]]|\r?\n|[^\x1b\n]+/g;
	for (const match of text.matchAll(pattern)) {
		const bytes = Buffer.byteLength(match[0]);
		if (match[2] !== undefined) {
			const names: Record<string, string> = {
				m: 'SGR colour/style',
				K: 'erase in line',
				J: 'erase display',
				A: 'cursor up',
				B: 'cursor down',
				C: 'cursor forward',
				D: 'cursor back',
				G: 'cursor column',
				H: 'cursor position',
				l: 'mode reset',
				h: 'mode set',
				r: 'scroll region',
			};
			add(`CSI ${match[2]} (${names[match[2]] ?? 'other'})`, bytes);
		} else if (match[0].startsWith('\x1b]')) add('OSC', bytes);
		else if (match[0].startsWith('\x1b')) add('other ESC', bytes);
		else if (match[0].endsWith('\n')) add('newline', bytes);
		else add('text', bytes);
	}
	return kinds;
}

/**
 * chunks: everything the program wrote since spawn; the window is [startAt, endAt) in ms
 * since spawn. Everything before the window is replayed first so the screen is right.
 */
export async function analyseFrames(
	chunks: readonly Chunk[],
	startAt: number,
	endAt: number,
	cols: number,
	rows: number,
	read?: ScreenReader,
): Promise<FrameAnalysis> {
	const terminal = new Terminal({cols, rows, allowProposedApi: true});
	try {
		const defaultAttributes = attributes((cells(terminal, 1, 1)[0] as string[])[0] as string);
		const before = chunks.filter(chunk => chunk.at < startAt);
		const inside = chunks.filter(chunk => chunk.at >= startAt && chunk.at < endAt);
		await writeSync(terminal, Buffer.concat(before.map(chunk => chunk.data)));

		const frames: Chunk[][] = [];
		for (const chunk of inside) {
			const current = frames.at(-1);
			const last = current?.at(-1);
			if (current && last && chunk.at - last.at < FRAME_GAP_MS) current.push(chunk);
			else frames.push([chunk]);
		}

		const sizes: number[] = [];
		const changedRows: number[] = [];
		const rewrittenRows: number[] = [];
		const changedCells: number[] = [];
		const diffBytes: number[] = [];
		const readings: number[] = [];
		let previous = cells(terminal, cols, rows);
		for (const frame of frames) {
			const data = Buffer.concat(frame.map(chunk => chunk.data));
			sizes.push(data.length);
			// A row counts as rewritten when the frame erases it to the end of the line.
			rewrittenRows.push((data.toString('utf8').match(/\x1b\[2K|\x1b\[K|\x1b\[0K/g) ?? []).length);
			await writeSync(terminal, data);
			const next = cells(terminal, cols, rows);
			const diff = cellDiff(previous, next, defaultAttributes);
			changedRows.push(diff.rows);
			changedCells.push(diff.cells);
			diffBytes.push(diff.bytes);
			const reading = read?.(text(next), text(previous));
			if (reading !== undefined && reading !== null) readings.push(reading);
			previous = next;
		}

		const windowText = Buffer.concat(inside.map(chunk => chunk.data)).toString('utf8');
		const byKind = [...classify(windowText)]
			.map(([kind, entry]) => ({kind, ...entry}))
			.sort((a, b) => b.bytes - a.bytes);
		return {
			frames: frames.length,
			bytesPerFrameMean: mean(sizes),
			bytesPerFrameMax: Math.max(0, ...sizes),
			changedRowsMean: mean(changedRows),
			rewrittenRowsMean: mean(rewrittenRows),
			changedCellsMean: mean(changedCells),
			cellDiffBytes: diffBytes.reduce((sum, value) => sum + value, 0),
			byKind,
			readings,
		};
	} finally {
		terminal.dispose();
	}
}
