// Long command lines shown in full (the confirmation, the copy key) are wrapped between
// words with a trailing " \", as the spec writes its own long commands: text selected from
// the screen and pasted into a shell is then still the same single command. Cutting
// anywhere else could run half a command — `… restart` without its service restarts all.

import {truncate} from '../../text/sanitize.js';
import {displayWidth} from '../text-fit.js';

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

/** The pieces of a word that cannot be split: `\x` outside quotes, single characters. */
function units(word: string): Array<{text: string; quotedAfter: boolean}> {
	const out: Array<{text: string; quotedAfter: boolean}> = [];
	let quoted = false;
	const chars = Array.from(word);
	for (let i = 0; i < chars.length; i++) {
		let text = chars[i] as string;
		if (!quoted && text === '\\' && i + 1 < chars.length) text += chars[++i];
		else if (text === "'") quoted = !quoted;
		out.push({text, quotedAfter: quoted});
	}
	return out;
}

/**
 * A word wider than a row, in rows joined by backslash-newline, which the shell removes:
 * inside single quotes the quote is closed before the break and reopened after it.
 */
function breakWord(word: string, firstRoom: number, room: number): string[] {
	const rows: string[] = [];
	let piece = '';
	let length = 0;
	let capacity = firstRoom;
	let quoted = false;
	for (const unit of units(word)) {
		const size = displayWidth(unit.text);
		// Room for the unit plus what ends the row: `\`, `'\` inside quotes, or the ` \` after
		// the word's last piece when more words follow.
		if (length > 0 && length + size + 2 > capacity) {
			rows.push(piece + (quoted ? "'\\" : '\\'));
			piece = quoted ? "'" : '';
			length = piece.length;
			capacity = room;
		}
		piece += unit.text;
		length += size;
		quoted = unit.quotedAfter;
	}
	rows.push(piece);
	return rows;
}

/**
 * Rows of at most `width` characters: `prefix` before the first, continuation rows
 * indented, every row but the last ending in a shell line continuation, so that the rows
 * pasted into a shell are the very same command.
 */
export function wrapCommand(line: string, width: number, prefix = ''): string[] {
	const limit = Math.max(8, width);
	const rows: string[] = [];
	let row = prefix;
	let rowHasWord = false;
	// Cells, not characters: a CJK file name takes two per character.
	const fits = (text: string): boolean => displayWidth(text) + CONTINUATION.length <= limit;
	for (const word of splitCommandWords(line)) {
		const candidate = rowHasWord ? `${row} ${word}` : row + word;
		if (fits(candidate)) {
			row = candidate;
			rowHasWord = true;
			continue;
		}
		if (rowHasWord) {
			rows.push(row + CONTINUATION);
			row = INDENT;
		}
		if (fits(row + word)) {
			row += word;
		} else {
			const pieces = breakWord(word, limit - displayWidth(row), limit);
			const last = pieces.pop() as string;
			if (pieces.length === 0) {
				row += last;
			} else {
				rows.push(row + pieces[0], ...pieces.slice(1));
				row = last;
			}
		}
		rowHasWord = true;
	}
	rows.push(row);
	return rows;
}

/** `label` cut so that `label + suffix` fits `width`; the suffix always stays whole. */
export function fitWithSuffix(label: string, suffix: string, width: number): string {
	const room = Math.max(1, width - Array.from(suffix).length);
	return truncate(label, room) + suffix;
}
