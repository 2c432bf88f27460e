// A drop-in for Ink 6.8's Output (ink/build/output.js), which scripts/build.mjs puts in the
// bundle in its place. Ink builds a fresh Output for each frame and, in get(), turns every
// line of every text node into styled cells and back into a string, although on a monitor
// screen most rows are the same as a second ago. That was the largest single cost of the
// running monitor (see the Cost section of the README).
//
// This one does the same work per row, but remembers each row's result by what was written
// into it (the positions and texts after transformers): a row whose writes are unchanged is
// a lookup. The result of a row depends on nothing else, so a remembered row is exactly the
// row Ink would build. test/ui/ink-render/output.test.ts checks that against Ink's own class.

import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import {
	ansiCodesToString,
	diffAnsiCodes,
	reduceAnsiCodesIncremental,
	styledCharsFromTokens,
	tokenize,
	type AnsiCode,
	type StyledChar,
} from '@alcalzone/ansi-tokenize';
import {BoundedMemo} from './bounded-memo.js';
import {isSingleCell, sgrLengthAt, singleCellWidth} from './single-cell.js';

type Transformer = (line: string, index: number) => string;

interface Clip {
	readonly x1?: number;
	readonly x2?: number;
	readonly y1?: number;
	readonly y2?: number;
}

type Operation =
	| {readonly type: 'write'; readonly x: number; readonly y: number; readonly text: string; readonly transformers: readonly Transformer[]}
	| {readonly type: 'clip'; readonly clip: Clip}
	| {readonly type: 'unclip'};

/** One line written into a row at a column. */
interface Fragment {
	readonly x: number;
	readonly line: string;
}

// Sized to hold the last frame or two of a large screen (a 120×40 frame writes ~70 lines),
// no more: what matters is what the previous frame drew. Each remembered line of cells is
// ~100 objects, so a memo of a thousand lines was ~10 MB of old generation that the monitor
// carried for nothing (measured: RSS +19 MB over an hour).
const styledLines = new BoundedMemo<StyledChar[]>(128);
const widths = new BoundedMemo<number>(512);
const rowStrings = new BoundedMemo<string>(128);
const sgrTokens = new BoundedMemo<AnsiCode[]>(64);
// The screen's outer box clips at its right edge (a row cut by Ink itself can come out a cell
// too wide when a wide character straddles the cut): the same lines are clipped every frame.
const clippedLines = new BoundedMemo<string>(128);

const BLANK: StyledChar = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: []}) as unknown as StyledChar;

function widthOf(text: string): number {
	return widths.get(text, measure);
}

function measure(text: string): number {
	return singleCellWidth(text) ?? stringWidth(text);
}

/**
 * ansi-tokenize's cells for a line of SGR codes and single-cell characters (single-cell.ts),
 * without a token object and a copied style list per character: characters between two codes
 * share one list. Null for any other line.
 */
function quickStyledChars(line: string): StyledChar[] | null {
	const cells: StyledChar[] = [];
	let styles: AnsiCode[] = [];
	for (let i = 0; i < line.length; ) {
		const code = line.charCodeAt(i);
		if (code === 0x1b) {
			const length = sgrLengthAt(line, i);
			if (length === 0) return null;
			const sgr = line.slice(i, i + length);
			styles = reduceAnsiCodesIncremental(styles, sgrTokens.get(sgr, text => tokenize(text) as AnsiCode[]));
			i += length;
			continue;
		}
		if (!isSingleCell(code)) return null;
		cells.push({type: 'char', value: line[i] as string, fullWidth: false, styles});
		i++;
	}
	return cells;
}

function styledChars(line: string): StyledChar[] {
	return quickStyledChars(line) ?? styledCharsFromTokens(tokenize(line));
}

function widestLine(text: string): number {
	let widest = 0;
	for (const line of text.split('\n')) widest = Math.max(widest, widthOf(line));
	return widest;
}

/** Ink's cell-by-cell placement of one row's writes, as in its Output.get(). */
function buildRow(width: number, fragments: readonly Fragment[]): string {
	const cells: (StyledChar | undefined)[] = new Array<StyledChar>(width).fill(BLANK);
	for (const {x, line} of fragments) {
		let offsetX = x;
		for (const character of styledLines.get(line, styledChars)) {
			cells[offsetX] = character;
			const characterWidth = Math.max(1, widthOf(character.value));
			// A wide character covers the cells after it.
			for (let index = 1; index < characterWidth; index++) {
				cells[offsetX + index] = {type: 'char', value: '', fullWidth: false, styles: character.styles} as StyledChar;
			}
			offsetX += characterWidth;
		}
	}
	return cellsToString(cells.filter((cell): cell is StyledChar => cell !== undefined)).trimEnd();
}

function sameStyles(a: readonly AnsiCode[], b: readonly AnsiCode[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	return a.every((code, i) => code.code === b[i]?.code && code.endCode === b[i]?.endCode);
}

/**
 * ansi-tokenize's styledCharsToString, which works out the codes between every two cells with
 * three Sets: between two cells of the same style that difference is empty, so it is skipped.
 * Same output, a tenth of the garbage.
 */
function cellsToString(cells: readonly StyledChar[]): string {
	let text = '';
	let previous: readonly AnsiCode[] = [];
	for (const cell of cells) {
		if (!sameStyles(previous, cell.styles)) text += ansiCodesToString(diffAnsiCodes(previous as AnsiCode[], cell.styles));
		text += cell.value;
		previous = cell.styles;
	}
	return text + ansiCodesToString(diffAnsiCodes(previous as AnsiCode[], []));
}

function rowKey(width: number, fragments: readonly Fragment[]): string {
	let key = String(width);
	for (const {x, line} of fragments) key += `\u0000${x}\u0000${line}`;
	return key;
}

export default class Output {
	readonly width: number;
	readonly height: number;
	private readonly operations: Operation[] = [];

	constructor(options: {width: number; height: number}) {
		this.width = options.width;
		this.height = options.height;
	}

	write(x: number, y: number, text: string, options: {transformers: readonly Transformer[]}): void {
		if (!text) return;
		this.operations.push({type: 'write', x, y, text, transformers: options.transformers});
	}

	clip(clip: Clip): void {
		this.operations.push({type: 'clip', clip});
	}

	unclip(): void {
		this.operations.push({type: 'unclip'});
	}

	get(): {output: string; height: number} {
		const rows: Fragment[][] = Array.from({length: this.height}, () => []);
		const clips: Clip[] = [];
		for (const operation of this.operations) {
			if (operation.type === 'clip') clips.push(operation.clip);
			else if (operation.type === 'unclip') clips.pop();
			else this.place(operation, clips.at(-1), rows);
		}
		const output = rows.map(fragments => (fragments.length === 0 ? '' : rowStrings.get(rowKey(this.width, fragments), () => buildRow(this.width, fragments)))).join('\n');
		return {output, height: rows.length};
	}

	/** Ink's clipping and line placement, unchanged; the cells are built per row later. */
	private place(operation: Extract<Operation, {type: 'write'}>, clip: Clip | undefined, rows: Fragment[][]): void {
		const {text, transformers} = operation;
		let {x, y} = operation;
		let lines = text.split('\n');
		if (clip) {
			const clipHorizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
			const clipVertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
			if (clipHorizontally && (x + widestLine(text) < clip.x1! || x > clip.x2!)) return;
			if (clipVertically && (y + lines.length < clip.y1! || y > clip.y2!)) return;
			if (clipHorizontally) {
				lines = lines.map(line => {
					const from = x < clip.x1! ? clip.x1! - x : 0;
					const width = widthOf(line);
					const to = x + width > clip.x2! ? clip.x2! - x : width;
					// A line of coloured single-cell characters that fits whole gives the same cells
					// uncut (nearly every line of this screen): slice-ansi is for the others. Not with a
					// combined code like ESC[1;37m, which slice-ansi splits in two.
					if (from === 0 && to === width && !line.includes(';') && singleCellWidth(line) !== null) return line;
					return clippedLines.get(`${from}\u0000${to}\u0000${line}`, () => sliceAnsi(line, from, to));
				});
				if (x < clip.x1!) x = clip.x1!;
			}
			if (clipVertically) {
				const from = y < clip.y1! ? clip.y1! - y : 0;
				const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
				lines = lines.slice(from, to);
				if (y < clip.y1!) y = clip.y1!;
			}
		}
		let offsetY = 0;
		for (const [index, original] of lines.entries()) {
			const row = rows[y + offsetY];
			// As in Ink: a line below the last row is dropped, and so is everything after it.
			if (!row) continue;
			let line = original;
			for (const transformer of transformers) line = transformer(line, index);
			row.push({x, line});
			offsetY++;
		}
	}
}
