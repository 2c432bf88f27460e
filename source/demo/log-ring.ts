import {sanitizeLine} from '../text/sanitize.js';

/**
 * The demo Authority's own recent log lines, for the runbook's "recent log lines" step.
 * Bounded so a long demo (or a flood of requests) cannot grow memory; every line is
 * sanitized on the way in because some of it (provider warnings, request paths) comes from
 * outside.
 */
export class LogRing {
	readonly #lines: string[] = [];
	readonly #capacity: number;
	readonly #now: () => number;

	constructor(capacity = 200, now: () => number = Date.now) {
		if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
		this.#capacity = capacity;
		this.#now = now;
	}

	add(message: string): void {
		const line = sanitizeLine(message);
		if (line === '') return;
		this.#lines.push(`${new Date(this.#now()).toISOString()} ${line}`);
		if (this.#lines.length > this.#capacity) this.#lines.splice(0, this.#lines.length - this.#capacity);
	}

	/** The newest `limit` lines, oldest first. */
	recent(limit = this.#capacity): string[] {
		const count = Math.max(0, Math.min(Math.floor(limit), this.#lines.length));
		return count === 0 ? [] : this.#lines.slice(-count);
	}
}
