// The stdout Ink writes to: the real terminal stream, with one correction.
//
// Ink 6.8's incremental renderer (log-update's createIncremental) starts every frame that
// does not shrink with cursorUp(lines − 1) while the cursor sits one line below the frame,
// so each frame lands one line lower than the last: the screen fills with stale copies.
// Our frame is always anchored at the top-left of the alternate screen (the guard clears it
// and homes the cursor before Ink's first frame, and a resize does the same), so the start
// of such a frame is rewritten into an absolute cursor-home. The other paths (first frame,
// shrinking frame, clear) move correctly and pass through untouched.
//
// The bundle replaces that writer with ink-render/log-update.ts, which moves the cursor only
// absolutely, so in dist/ these two corrections never match; they stay for Ink's own writer,
// which is what runs when the source is loaded unbundled (the run-tui tests).

import {foldToAscii} from './ascii-fold.js';

const INCREMENTAL_START = /^\u001b\[\d*A/;
const CURSOR_HOME = '\u001b[H';
const SGR = /\u001b\[[0-9;:]*m/g;

export function anchorFrame(chunk: string): string {
	return chunk.replace(INCREMENTAL_START, CURSOR_HOME);
}

// Ink steps over each unchanged line with its own "cursor next line"; one move over the whole
// run is the same on the screen and costs a few bytes instead of three per line — over SSH,
// every second, for hours.
const NEXT_LINE_RUN = /(?:\u001b\[E){2,}/g;

export function collapseLineSkips(chunk: string): string {
	return chunk.replace(NEXT_LINE_RUN, run => `\u001b[${run.length / 3}E`);
}

type Write = NodeJS.WriteStream['write'];

/**
 * A view of `stream` whose write() anchors Ink's incremental frames (and, in ASCII mode, folds
 * every character to ASCII); everything else is the stream's own.
 */
export function createInkStdout<T extends NodeJS.WriteStream>(stream: T, options: {ascii?: boolean; colour?: boolean} = {}): T {
	const steps: Array<(chunk: string) => string> = [anchorFrame, collapseLineSkips];
	if (options.ascii) steps.push(foldToAscii);
	// Without colour (NO_COLOR, a monochrome terminal) no attribute at all is sent: the
	// screen reads from its text alone, whatever component styled a word.
	if (options.colour === false) steps.push(chunk => chunk.replace(SGR, ''));
	const prepare = (chunk: string) => steps.reduce((text, step) => step(text), chunk);
	const write = ((chunk: unknown, ...rest: unknown[]) =>
		(stream.write as (...args: unknown[]) => boolean)(typeof chunk === 'string' ? prepare(chunk) : chunk, ...rest)) as Write;
	// Ink reads properties of its stdout on every frame: methods are bound once, not per read.
	const bound = new Map<PropertyKey, {method: unknown; bound: unknown}>();
	return new Proxy(stream, {
		get(target, property) {
			if (property === 'write') return write;
			const value = Reflect.get(target, property, target) as unknown;
			if (typeof value !== 'function') return value;
			const known = bound.get(property);
			if (known?.method === value) return known.bound;
			const fresh = (value as (...args: unknown[]) => unknown).bind(target);
			bound.set(property, {method: value, bound: fresh});
			return fresh;
		},
	});
}
