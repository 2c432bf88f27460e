// Marks taken while one probe runs, turned into the httpstat-style phases at the end. The
// phases follow one another, so they add up to (about) the whole response time.

import {performance} from 'node:perf_hooks';
import type {Phases} from '../../checks/types.js';

export interface PhaseMarks {
	start: number;
	connectStart?: number;
	lookupDone?: number;
	connected?: number;
	secured?: number;
	headers?: number;
	bodyDone?: number;
}

export function newPhaseMarks(now: () => number = () => performance.now()): PhaseMarks {
	return {start: now()};
}

function span(from: number | undefined, to: number | undefined): number | null {
	if (from === undefined || to === undefined) return null;
	return Math.max(0, to - from);
}

export function phasesFrom(marks: PhaseMarks): Phases {
	const ready = marks.secured ?? marks.connected;
	return {
		dnsMs: span(marks.connectStart, marks.lookupDone),
		connectMs: span(marks.lookupDone ?? marks.connectStart, marks.connected),
		tlsMs: span(marks.connected, marks.secured),
		// Server processing: from the connection being ready (or, through a proxy, from the
		// start) until the status line and headers arrived.
		firstByteMs: span(ready ?? marks.start, marks.headers),
		transferMs: span(marks.headers, marks.bodyDone),
	};
}
