// The bundle's screen writer must leave the terminal showing exactly what a full redraw of
// each frame shows: its bytes are replayed in a real terminal emulator (xterm's) and compared
// cell by cell, character and every attribute, with a second emulator that is sent each frame
// whole. And it must send much less than the whole frame where little changed.

import xterm from '@xterm/headless';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import logUpdate from '../../../source/ui/ink-render/log-update.js';

const {Terminal} = xterm;
type Term = InstanceType<typeof Terminal>;

class Stream {
	readonly isTTY = true;
	written: string[] = [];
	constructor(
		public columns: number,
		public rows: number,
	) {}
	write(text: string): boolean {
		this.written.push(text);
		return true;
	}
	take(): string {
		const text = this.written.join('');
		this.written = [];
		return text;
	}
}

function terminal(columns: number, rows: number): Term {
	return new Terminal({cols: columns, rows, allowProposedApi: true});
}

const feed = (term: Term, data: string) => new Promise<void>(resolve => term.write(data, resolve));

/** Every visible cell: its character and each attribute xterm keeps, as one comparable string. */
function cells(term: Term): string[] {
	const buffer = term.buffer.active;
	const out: string[] = [];
	for (let y = 0; y < term.rows; y++) {
		const line = buffer.getLine(buffer.viewportY + y);
		for (let x = 0; x < term.cols; x++) {
			const cell = line?.getCell(x);
			if (!cell) {
				out.push(`${y},${x}: none`);
				continue;
			}
			const chars = cell.getChars() || ' ';
			const attrs = [
				cell.getWidth(),
				cell.getFgColorMode(),
				cell.getFgColor(),
				cell.getBgColorMode(),
				cell.getBgColor(),
				cell.isBold(),
				cell.isDim(),
				cell.isItalic(),
				cell.isUnderline(),
				cell.isInverse(),
				cell.isStrikethrough(),
			].join('/');
			out.push(`${y},${x}: ${chars} ${attrs}`);
		}
	}
	return out;
}

function screenText(term: Term): string[] {
	const buffer = term.buffer.active;
	return Array.from({length: term.rows}, (_, y) => buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
}

/** The frame drawn whole on an empty screen: each row at its place, the look reset after it. */
function fullRedraw(frame: string): string {
	const rows = frame.split('\n');
	if (frame.endsWith('\n')) rows.pop();
	return '\u001B[0m\u001B[H\u001B[2J' + rows.map((row, y) => `\u001B[${y + 1};1H${row}\u001B[0m`).join('');
}

/**
 * Where the bytes erase while the cursor waits to wrap at the right margin (after a character in
 * the last column). xterm then clears that last cell, tmux and xterm.js keep it, so the emulator
 * replay cannot see the difference: the writer must never do it.
 */
function erasesAtPendingWrap(sent: string, columns: number): string[] {
	const found: string[] = [];
	let column = 0;
	let pending = false;
	const token = /\u001B\[([0-9;?]*)([@-~])|\u001B\][^\u0007]*\u0007|\u001B.|[^\u001B]/gsu;
	const graphemes = new Intl.Segmenter();
	for (const match of sent.matchAll(token)) {
		const [whole, parameters, final] = match;
		if (final !== undefined) {
			if ((final === 'K' || final === 'J') && pending) found.push(`${JSON.stringify(whole)} at offset ${match.index}`);
			if (final === 'H' || final === 'G') column = Math.max(0, Number((parameters ?? '').split(';').at(final === 'H' ? 1 : 0) || 1) - 1);
			if (final !== 'm' && final !== 'h' && final !== 'l') pending = false;
			continue;
		}
		if (whole.startsWith('\u001B')) continue;
		for (const {segment} of graphemes.segment(whole)) {
			const width = stringWidth(segment);
			if (width === 0) continue;
			if (pending) column = 0;
			pending = false;
			column += width;
			if (column >= columns) {
				column = columns - 1;
				pending = true;
			}
		}
	}
	return found;
}

/** Draws frames through the writer and through full redraws; fails on the first cell that differs. */
async function replay(frames: readonly string[], columns: number, rows: number): Promise<{bytes: number[]}> {
	const stream = new Stream(columns, rows);
	const render = logUpdate.create(stream);
	const ours = terminal(columns, rows);
	const reference = terminal(columns, rows);
	const bytes: number[] = [];
	for (const [index, frame] of frames.entries()) {
		render(frame);
		const sent = stream.take();
		bytes.push(sent.length);
		expect(erasesAtPendingWrap(sent, columns), `frame ${index}`).toEqual([]);
		await feed(ours, sent);
		await feed(reference, fullRedraw(frame));
		const got = cells(ours);
		const want = cells(reference);
		const first = got.findIndex((cell, i) => cell !== want[i]);
		if (first !== -1) {
			throw new Error(`frame ${index}: cell ${want[first]} shows ${got[first]}\nframe:\n${frame}\nscreen:\n${screenText(ours).join('\n')}\nsent: ${JSON.stringify(sent)}`);
		}
	}
	return {bytes};
}

/** A small deterministic generator, so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state * 1_664_525 + 1_013_904_223) >>> 0;
		return state / 2 ** 32;
	};
}

const sgr = (codes: string, text: string, close = '0') => `\u001B[${codes}m${text}\u001B[${close}m`;
const PIECES = [
	sgr('33', '┄┄┄┄', '39'),
	sgr('1', 'PASS', '22'),
	sgr('42', sgr('30', ' PASS ', '39'), '49'),
	sgr('1;37;44', ' WARN '),
	sgr('2', '··· …', '22'),
	sgr('38;5;208', 'orange', '39'),
	sgr('48;2;10;20;30', 'rgb bg', '49'),
	sgr('4', 'under', '24'),
	sgr('7', 'inverse', '27'),
	sgr('3', 'it', '23'),
	sgr('9', 'gone', '29'),
	'╭─╮╰╯│┤┼',
	'ok',
	'   ',
	sgr('41', '   ', '49'),
	'日本語',
	'👍 ok',
	'é',
	'\u001B]8;;https://example.test\u0007link\u001B]8;;\u0007',
	'x'.repeat(25),
];

function randomRow(next: () => number, columns: number): string {
	let row = '';
	let width = 0;
	const count = Math.floor(next() * 8);
	for (let i = 0; i < count && width < columns - 10; i++) {
		const piece = PIECES[Math.floor(next() * PIECES.length)] as string;
		row += piece;
		width += 10;
	}
	return row;
}

/** Frames that change the way a monitor's do: a few cells, a row scrolling left, rows coming and going. */
function randomFrames(seed: number, count: number, columns: number, rows: number): string[] {
	const next = random(seed);
	let current = Array.from({length: Math.floor(rows / 2)}, () => randomRow(next, columns));
	const frames: string[] = [];
	for (let n = 0; n < count; n++) {
		const roll = next();
		const y = Math.floor(next() * current.length);
		if (roll < 0.3 && current.length > 0) {
			// Scroll a plain row left by 1-3 cells, a new piece at the right.
			const shift = 1 + Math.floor(next() * 3);
			const plain = 'ab──╮╰cd'.repeat(10).slice(0, columns - 12);
			const base = current[y]?.startsWith('    ') ? (current[y] as string).slice(4 + shift) : plain;
			current[y] = `    ${base}${'╭─'.slice(0, shift)}`.slice(0, columns);
		} else if (roll < 0.55) {
			current[y] = randomRow(next, columns);
		} else if (roll < 0.65 && current.length < rows - 1) {
			current.push(randomRow(next, columns));
		} else if (roll < 0.72 && current.length > 1) {
			current = current.slice(0, -1 - Math.floor(next() * 2));
		} else if (roll < 0.8) {
			// A digit or two changes in the middle of a row ("3 ms" → "14 ms").
			current[y] = `${'label '.repeat(3)}${Math.floor(next() * 200)} ms${' '.repeat(5)}${sgr('32', String(Math.floor(next() * 9)), '39')}`;
		} else if (roll < 0.85) {
			current[y] = '';
		} else if (roll < 0.9) {
			// A row that fills the width exactly: plain, accented (written whole) or wide.
			const fill = [sgr('2', 'x'.repeat(columns)), `é${'y'.repeat(columns - 1)}`, `日本${sgr('33', 'z'.repeat(columns - 4))}`];
			current[y] = fill[Math.floor(next() * fill.length)] as string;
		}
		frames.push(current.join('\n') + '\n');
	}
	return frames;
}

describe('screen writer (bundle replacement for Ink’s log-update)', () => {
	it('leaves the same screen as full redraws, over random frames', async () => {
		for (const seed of [1, 2, 3, 42, 99, 2026]) {
			await replay(randomFrames(seed, 120, 60, 16), 60, 16);
		}
	});

	it('cuts a row wider than the terminal at the margin instead of wrapping it onto the next', async () => {
		const stream = new Stream(20, 5);
		const render = logUpdate.create(stream);
		const term = terminal(20, 5);
		for (const frame of ['x'.repeat(30) + '\nnext\n', 'y'.repeat(12) + '\nnext\n', sgr('31', 'z'.repeat(25)) + '\nnext\n']) {
			render(frame);
			await feed(term, stream.take());
			const first = frame.split('\n')[0]!.replace(/\u001B\[\d*m/g, '');
			expect(screenText(term).slice(0, 3)).toEqual([first.slice(0, 20), 'next', '']);
		}
	});

	it('scrolls a row by deleting cells: a few bytes instead of the row', async () => {
		const columns = 100;
		const series = Array.from({length: 140}, (_, i) => ((i * 7) % 5 === 0 ? '╭' : i % 3 === 0 ? '╯' : '─'));
		const frames: string[] = [];
		for (let t = 0; t < 40; t++) {
			const plot = series.slice(t, t + 88).join('');
			frames.push(`       5.6┤${sgr('32', plot, '39')}\n${sgr('90', '       1.0┤', '39')}\n`);
		}
		const {bytes} = await replay(frames, columns, 6);
		const rowBytes = frames[0]!.split('\n')[0]!.length;
		// After the first frame each frame is one DCH and the new cell at the right.
		for (const sent of bytes.slice(1)) expect(sent).toBeLessThan(30);
		expect(rowBytes).toBeGreaterThan(90);
	});

	it('sends only the changed digits of a row', async () => {
		const row = (ms: number) => `${sgr('1;30;42', ' PASS ')} ${sgr('1;32', `${ms} ms`)} · just now · every 1 s\n`;
		const {bytes} = await replay([row(3), row(4), row(4), row(14)], 80, 4);
		// A move, the digit's colour, the digit and a reset: 20 bytes, not the row's 60.
		expect(bytes[1]).toBeLessThanOrEqual(20);
		expect(bytes[2]).toBe(0);
		// "14 ms" pushes the rest of the row one cell right: rewritten from the digit on.
		expect(bytes[3]).toBeLessThan(50);
	});

	it('erases rows the frame no longer has, and the tail of a row that got shorter', async () => {
		await replay(['one\ntwo\nthree\nfour\n', 'one\ntwo\n', 'one is longer now\nt\n', '\n', 'back\n'], 30, 6);
	});

	it('never erases with the cursor waiting to wrap, so xterm keeps the last column of a full row', async () => {
		const full = `│ dépassé ${'x'.repeat(19)}│`;
		expect(stringWidth(full)).toBe(30);
		// Accented rows are written whole; so is a plain row that replaces one.
		await replay([`${full}\nnext\n`, `${'a'.repeat(29)}│\nnext\n`, `${full}\n${'日'.repeat(15)}\n`, 'short\n\n'], 30, 4);
		expect(erasesAtPendingWrap(`${'a'.repeat(30)}\u001B[K`, 30)).toHaveLength(1);
		expect(erasesAtPendingWrap(`${'a'.repeat(29)}\u001B[K`, 30)).toEqual([]);
	});

	it('returns false and writes nothing for a frame that did not change', () => {
		const stream = new Stream(40, 10);
		const render = logUpdate.create(stream);
		expect(render('a\nb\n')).toBe(true);
		stream.take();
		expect(render.willRender('a\nb\n')).toBe(false);
		expect(render('a\nb\n')).toBe(false);
		expect(stream.take()).toBe('');
		expect(render.willRender('a\nc\n')).toBe(true);
	});

	it('hides the cursor on the first frame and shows it again when done', () => {
		const stream = new Stream(40, 10);
		const render = logUpdate.create(stream);
		render('a\n');
		expect(stream.take()).toContain('\u001B[?25l');
		render.done();
		expect(stream.take()).toContain('\u001B[?25h');
	});

	it('puts the cursor where it is asked to, and hides it when no longer asked', async () => {
		const stream = new Stream(40, 10);
		const render = logUpdate.create(stream);
		const term = terminal(40, 10);
		render('name: \n');
		render.setCursorPosition({x: 6, y: 0});
		expect(render.isCursorDirty()).toBe(true);
		expect(render.willRender('name: \n')).toBe(true);
		expect(render('name: \n')).toBe(true);
		await feed(term, stream.take());
		expect([term.buffer.active.cursorX, term.buffer.active.cursorY]).toEqual([6, 0]);
		render('name: x\n');
		const after = stream.take();
		expect(after.endsWith('\u001B[?25l')).toBe(true);
	});

	it('after clear() the screen is empty and the next frame is drawn whole', async () => {
		const stream = new Stream(30, 6);
		const render = logUpdate.create(stream);
		const term = terminal(30, 6);
		render('first\nsecond\n');
		render.clear();
		await feed(term, stream.take());
		expect(screenText(term).join('')).toBe('');
		render('first\nsecond\n');
		await feed(term, stream.take());
		expect(screenText(term).slice(0, 2)).toEqual(['first', 'second']);
	});

	it('after sync() it diffs against what Ink itself drew', async () => {
		const stream = new Stream(30, 6);
		const render = logUpdate.create(stream);
		const term = terminal(30, 6);
		await feed(term, fullRedraw('drawn by ink\nrow two\n'));
		render.sync('drawn by ink\nrow two\n');
		render('drawn by us\nrow two\n');
		const sent = stream.take();
		expect(sent).not.toContain('row two');
		await feed(term, sent);
		expect(screenText(term).slice(0, 2)).toEqual(['drawn by us', 'row two']);
	});

	it('never draws below the last row of the terminal', async () => {
		const frame = Array.from({length: 8}, (_, i) => `row ${i}`).join('\n') + '\n';
		const stream = new Stream(20, 5);
		const render = logUpdate.create(stream);
		const term = terminal(20, 5);
		render(frame);
		await feed(term, stream.take());
		expect(screenText(term)).toEqual(['row 0', 'row 1', 'row 2', 'row 3', 'row 4']);
	});
});
