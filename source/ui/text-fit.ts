// Text that must fit a terminal cell budget: display width (wide CJK and emoji take two
// cells, combining marks none), cutting with the theme's ellipsis, and ASCII-only mode for
// text that came from outside.

import {foldToAscii} from './ascii-fold.js';
import type {Theme} from './theme.js';

function codePointWidth(cp: number): number {
	if (cp === 0 || (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
	if (
		(cp >= 0x1100 && cp <= 0x115f) ||
		(cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
		(cp >= 0xac00 && cp <= 0xd7a3) ||
		(cp >= 0xf900 && cp <= 0xfaff) ||
		(cp >= 0xfe30 && cp <= 0xfe4f) ||
		(cp >= 0xff00 && cp <= 0xff60) ||
		(cp >= 0xffe0 && cp <= 0xffe6) ||
		(cp >= 0x1f300 && cp <= 0x1f64f) ||
		(cp >= 0x1f900 && cp <= 0x1f9ff) ||
		(cp >= 0x20000 && cp <= 0x3fffd)
	) {
		return 2;
	}
	return 1;
}

export function displayWidth(text: string): number {
	let width = 0;
	for (const char of text) width += codePointWidth(char.codePointAt(0) as number);
	return width;
}

/**
 * Printable ASCII only (for ASCII-only terminals): a look-alike where there is one (↑ is ^,
 * → is >), as the screen's last line of defence folds them, else '?' per column.
 */
export function asciiOnly(text: string): string {
	return foldToAscii(text).replace(/[^\x20-\x7e]/g, '?');
}

/** Cuts text to at most `width` cells, ending with the ellipsis when cut. */
export function fit(text: string, width: number, ellipsis = '…'): string {
	if (width <= 0) return '';
	if (displayWidth(text) <= width) return text;
	const room = width - displayWidth(ellipsis);
	if (room <= 0) return ellipsis.slice(0, width);
	let out = '';
	let used = 0;
	for (const char of text) {
		const w = codePointWidth(char.codePointAt(0) as number);
		if (used + w > room) break;
		out += char;
		used += w;
	}
	return out + ellipsis;
}

/** Pads with spaces to exactly `width` cells (cutting first when longer). */
export function fitPad(text: string, width: number, ellipsis = '…'): string {
	const cut = fit(text, width, ellipsis);
	return cut + ' '.repeat(Math.max(0, width - displayWidth(cut)));
}

/** Text from outside, made safe for this theme (ASCII mode turns other characters into '?'). */
export function forTheme(text: string, theme: Theme): string {
	return theme.ascii ? asciiOnly(text) : text;
}

/** Fits text for this theme: ASCII-safe when needed, cut with the theme's ellipsis. */
export function fitFor(text: string, width: number, theme: Theme): string {
	return fit(forTheme(text, theme), width, theme.glyphs.ellipsis);
}

/** Splits text into lines of at most `width` cells at spaces (hard-cutting words that are longer). */
export function wrap(text: string, width: number): string[] {
	if (width <= 0) return [];
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		let rest = word;
		while (displayWidth(rest) > width) {
			if (line) {
				lines.push(line);
				line = '';
			}
			const head = fit(rest, width, '');
			lines.push(head);
			rest = rest.slice(head.length);
		}
		if (!line) line = rest;
		else if (displayWidth(line) + 1 + displayWidth(rest) <= width) line += ' ' + rest;
		else {
			lines.push(line);
			line = rest;
		}
	}
	if (line) lines.push(line);
	return lines;
}
