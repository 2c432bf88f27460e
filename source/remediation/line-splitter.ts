// Child output arrives in arbitrary chunks: a UTF-8 character, an escape sequence or a line
// may be cut anywhere. Lines are completed here first and only then sanitized, so a sequence
// split across chunks is still recognised and removed.

import {DEFAULT_MAX_LINE, sanitizeLines} from '../text/sanitize.js';

export interface LineSplitterOptions {
	/** Longest line kept (characters); longer ones are cut and marked. */
	readonly maxLineLength?: number;
	/** A line without an end that grows past this many characters is emitted cut. */
	readonly maxPending?: number;
}

export class LineSplitter {
	readonly #decoder = new TextDecoder('utf-8', {fatal: false});
	readonly #maxLine: number;
	readonly #maxPending: number;
	#pending = '';
	// After an over-long line was emitted cut, the rest of it is dropped up to its end.
	#skipping = false;

	constructor(options: LineSplitterOptions = {}) {
		this.#maxLine = options.maxLineLength ?? DEFAULT_MAX_LINE;
		this.#maxPending = Math.max(this.#maxLine, options.maxPending ?? 16_384);
	}

	/** Complete, sanitized lines contained in this chunk (with what was pending before). */
	push(chunk: Uint8Array): string[] {
		return this.#take(this.#pending + this.#decoder.decode(chunk, {stream: true}), false);
	}

	/** The last line when the stream ended without a newline. */
	end(): string[] {
		return this.#take(this.#pending + this.#decoder.decode(), true);
	}

	#take(text: string, final: boolean): string[] {
		const parts = text.split(/\r\n|\n|\r/);
		let rest = parts.pop() ?? '';
		// "\r" at the very end may be the first half of "\r\n": wait for the next chunk.
		if (!final && text.endsWith('\r')) {
			parts.push(...[]);
			rest = '\r';
			parts.length = parts.length; // the "\r" produced an empty last part, already popped
		}
		const lines: string[] = [];
		for (const part of parts) {
			if (this.#skipping) {
				this.#skipping = false;
				continue;
			}
			lines.push(this.#clean(part));
		}
		if (final) {
			if (rest !== '' && rest !== '\r' && !this.#skipping) lines.push(this.#clean(rest));
			this.#pending = '';
			this.#skipping = false;
		} else if (rest.length > this.#maxPending) {
			if (!this.#skipping) lines.push(this.#clean(rest));
			this.#skipping = true;
			this.#pending = '';
		} else {
			this.#pending = this.#skipping ? '' : rest;
		}
		return lines;
	}

	#clean(line: string): string {
		return sanitizeLines(line.replace(/\r$/, ''), this.#maxLine).join(' ');
	}
}
