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

	#take(input: string, final: boolean): string[] {
		// "\r" at the very end may be the first half of "\r\n": hold it for the next chunk.
		const held = !final && input.endsWith('\r') ? '\r' : '';
		const parts = (held ? input.slice(0, -1) : input).split(/\r\n|\n|\r/);
		const rest = parts.pop() ?? '';
		const lines: string[] = [];
		for (const part of parts) {
			if (this.#skipping) this.#skipping = false;
			else lines.push(this.#clean(part));
		}
		if (final) {
			if (rest !== '' && !this.#skipping) lines.push(this.#clean(rest));
			this.#pending = '';
			this.#skipping = false;
		} else if (this.#skipping) {
			this.#pending = held;
		} else if (rest.length > this.#maxPending) {
			lines.push(this.#clean(rest));
			this.#skipping = true;
			this.#pending = held;
		} else {
			this.#pending = rest + held;
		}
		return lines;
	}

	#clean(line: string): string {
		return sanitizeLines(line, this.#maxLine).join(' ');
	}
}
