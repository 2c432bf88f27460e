// Long command lines shown in full (the confirmation, the copy key) are wrapped between
// words with a trailing " \", as the spec writes its own long commands: text selected from
// the screen and pasted into a shell is then still the same single command. Cutting
// anywhere else could run half a command — `… restart` without its service restarts all.

import {truncate} from '../../text/sanitize.js';

/** Splits a line made by formatCommandLine into its shell words (quotes kept). */
export function splitCommandWords(line: string): string[] {
	const words: string[] = [];
	let word = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const char = line[i] as string;
		if (quoted) {
			word += char;
			if (char === "'") quoted = false;
		} else if (char === "'") {
			word += char;
			quoted = true;
		} else if (char === '\\' && i + 1 < line.length) {
			word += char + line[++i];
		} else if (char === ' ') {
			if (word !== '') words.push(word);
			word = '';
		} else {
			word += char;
		}
	}
	if (word !== '') words.push(word);
	return words;
}

const CONTINUATION = ' \\';
const INDENT = '  ';

/**
 * Rows of at most `width` characters: `prefix` before the first, continuation rows
 * indented, every row but the last ending in " \". A single word wider than a row is cut
 * (marked "…"): it cannot be continued safely, and the copy key still copies it whole.
 */
export function wrapCommand(line: string, width: number, prefix = ''): string[] {
	const limit = Math.max(8, width);
	const rows: string[] = [];
	let row = prefix;
	let rowHasWord = false;
	for (const word of splitCommandWords(line)) {
		const candidate = rowHasWord ? `${row} ${word}` : row + word;
		if (Array.from(candidate).length + CONTINUATION.length <= limit || !rowHasWord) {
			row = candidate;
			rowHasWord = true;
			continue;
		}
		rows.push(row + CONTINUATION);
		row = INDENT + word;
	}
	rows.push(row);
	// The last row needs no room for the continuation mark.
	return rows.map(text => truncate(text, limit));
}

/** `label` cut so that `label + suffix` fits `width`; the suffix always stays whole. */
export function fitWithSuffix(label: string, suffix: string, width: number): string {
	const room = Math.max(1, width - Array.from(suffix).length);
	return truncate(label, room) + suffix;
}
