// The status changes of a session, newest first and bounded: "14:02:11 PASS → WARN 734 ms".
// Notes (a remediation step ran, its exit) can be added so cause and effect read together.

import type {Condition, Status} from '../../checks/types.js';

export interface StatusChange {
	readonly kind: 'status';
	/** When the probe that changed the status started, epoch ms. */
	readonly at: number;
	/** Null for the first probe of the session. */
	readonly from: Status | null;
	readonly to: Status;
	/** Whole ms, or null when the service did not answer. */
	readonly responseTimeMs: number | null;
	/** Why the probe failed, one sanitized line; null when it did not. */
	readonly error: string | null;
}

export interface TimelineNote {
	readonly kind: 'note';
	readonly at: number;
	readonly text: string;
}

export type TimelineEntry = StatusChange | TimelineNote;

export const DEFAULT_TIMELINE_CAPACITY = 200;

export class Timeline {
	#entries: readonly TimelineEntry[] = [];
	#status: Status | null = null;
	#condition: Condition | null = null;

	constructor(readonly capacity = DEFAULT_TIMELINE_CAPACITY) {}

	/**
	 * Records a probe's verdict; true when it changed the status (and so the entries). Within
	 * FAIL, going from "critically slow" to "not answering" (or back) is a change too: the
	 * operator is looking at a different problem.
	 */
	observe(at: number, status: Status, responseTimeMs: number | null, error: string | null, condition?: Condition): boolean {
		const same = status === this.#status && (condition === undefined || condition === this.#condition);
		this.#condition = condition ?? null;
		if (same) return false;
		const change: StatusChange = {kind: 'status', at, from: this.#status, to: status, responseTimeMs, error};
		this.#status = status;
		this.#prepend(change);
		return true;
	}

	note(at: number, text: string): void {
		this.#prepend({kind: 'note', at, text});
	}

	/** Newest first. A new array after every change, the same one otherwise. */
	entries(): readonly TimelineEntry[] {
		return this.#entries;
	}

	#prepend(entry: TimelineEntry): void {
		this.#entries = [entry, ...this.#entries.slice(0, this.capacity - 1)];
	}
}
