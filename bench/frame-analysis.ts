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

export interface FrameAnalysis {
	readonly frames: number;
	readonly bytesPerFrameMedian: number;
	readonly bytesPerFrameMax: number;
	/** Rows whose content changed, per frame (median). */
	readonly changedRowsMedian: number;
	/** Rows the program rewrote (erased or re-sent), per frame (median). */
	readonly rewrittenRowsMedian: number;
	/** Cells (character or colour) that changed, per frame (median). */
	readonly changedCellsMedian: number;
	/** Rough bytes a renderer sending only changed runs would need, per frame (median). */
	readonly cellDiffBytesMedian: number;
	/** Share of the window's bytes by kind of escape sequence, and plain text. */
	readonly byKind: ReadonlyArray<{kind: string; bytes: number; count: number}>;
	/** Escape-visible sample of one typical frame (first 600 characters). */
	readonly sampleFrame: string;
}

function median(values: number[]): number {
	if (values.length === 0) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] as number;
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

function visible(text: string): string {
	return text.replace(/\x1b/g, '␛').replace(/\r/g, '␍').replace(/\n/g, '␊\n');
}

/**
 * chunks: everything the program wrote since spawn; the window is [startAt, endAt) in ms
 * since spawn. Everything before the window is replayed first so the screen is right.
 */
export async function analyseFrames(chunks: readonly Chunk[], startAt: number, endAt: number, cols: number, rows: number): Promise<FrameAnalysis> {
	const terminal = new Terminal({cols, rows, allowProposedApi: true});
	try {
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
		let previous = cells(terminal, cols, rows);
		for (const frame of frames) {
			const data = Buffer.concat(frame.map(chunk => chunk.data));
			sizes.push(data.length);
			const text = data.toString('utf8');
			// A row counts as rewritten when the frame erases it or writes it out in full.
			rewrittenRows.push((text.match(/\x1b\[2K|\x1b\[K|\x1b\[0K/g) ?? []).length);
			await writeSync(terminal, data);
			const next = cells(terminal, cols, rows);
			let rowsChanged = 0;
			let cellsChanged = 0;
			let bytes = 0;
			for (let y = 0; y < rows; y++) {
				const a = previous[y] as string[];
				const b = next[y] as string[];
				let runStart = -1;
				let lastChanged = -Infinity;
				let rowChanged = false;
				for (let x = 0; x < cols; x++) {
					if (a[x] === b[x]) continue;
					rowChanged = true;
					cellsChanged++;
					if (x - lastChanged > RUN_MERGE_GAP) {
						if (runStart >= 0) bytes += CURSOR_MOVE_BYTES;
						runStart = x;
						bytes += CURSOR_MOVE_BYTES;
					}
					// The run's characters, and the cells skipped between merged changes.
					bytes += Buffer.byteLength((b[x] as string).split('|')[0] || ' ') + (lastChanged >= 0 && x - lastChanged <= RUN_MERGE_GAP ? x - lastChanged - 1 : 0);
					lastChanged = x;
				}
				if (rowChanged) rowsChanged++;
			}
			changedRows.push(rowsChanged);
			changedCells.push(cellsChanged);
			diffBytes.push(bytes);
			previous = next;
		}

		const windowText = Buffer.concat(inside.map(chunk => chunk.data)).toString('utf8');
		const byKind = [...classify(windowText)]
			.map(([kind, entry]) => ({kind, ...entry}))
			.sort((a, b) => b.bytes - a.bytes);
		const medianSize = median(sizes);
		const typical = frames.find(frame => Buffer.concat(frame.map(chunk => chunk.data)).length === medianSize);
		return {
			frames: frames.length,
			bytesPerFrameMedian: medianSize,
			bytesPerFrameMax: Math.max(0, ...sizes),
			changedRowsMedian: median(changedRows),
			rewrittenRowsMedian: median(rewrittenRows),
			changedCellsMedian: median(changedCells),
			cellDiffBytesMedian: median(diffBytes),
			byKind,
			sampleFrame: typical ? visible(Buffer.concat(typical.map(chunk => chunk.data)).toString('utf8')).slice(0, 600) : '',
		};
	} finally {
		terminal.dispose();
	}
}
