// A probe whose answers the test releases one at a time, at the fake time it chooses, and
// which counts how many calls overlap.

import type {Sample} from '../../checks/types.js';
import {NO_PHASES} from '../../checks/types.js';

export const ENDPOINT = 'http://127.0.0.1:9/connect/token';

export function sampleAt(startedAt: number, responseTimeMs: number | null, error: string | null = null): Sample {
	const available = responseTimeMs !== null && error === null;
	return {
		endpoint: ENDPOINT,
		startedAt,
		mode: 'reachability',
		available,
		responseTimeMs,
		httpStatus: responseTimeMs === null ? null : available ? 400 : 503,
		error,
		phases: available
			? {dnsMs: 0, connectMs: 1, tlsMs: null, firstByteMs: Math.max(0, responseTimeMs - 2), transferMs: 1}
			: NO_PHASES,
		insecure: false,
	};
}

export interface ProbeDouble {
	readonly probe: () => Promise<Sample>;
	/** Calls made so far. */
	calls(): number;
	inFlight(): number;
	maxInFlight(): number;
	/** Start times (fake clock) of every call. */
	starts(): number[];
	/** Answers the oldest open call. */
	answer(responseTimeMs: number | null, error?: string | null): void;
	fail(error: Error): void;
}

export function createProbeDouble(now: () => number): ProbeDouble {
	const open: {startedAt: number; resolve: (sample: Sample) => void; reject: (error: Error) => void}[] = [];
	const starts: number[] = [];
	let calls = 0;
	let max = 0;
	return {
		probe() {
			calls++;
			const startedAt = now();
			starts.push(startedAt);
			return new Promise<Sample>((resolve, reject) => {
				open.push({startedAt, resolve, reject});
				max = Math.max(max, open.length);
			});
		},
		calls: () => calls,
		inFlight: () => open.length,
		maxInFlight: () => max,
		starts: () => [...starts],
		answer(responseTimeMs, error = null) {
			const call = open.shift();
			if (!call) throw new Error('no probe in flight');
			call.resolve(sampleAt(call.startedAt, responseTimeMs, error));
		},
		fail(error) {
			const call = open.shift();
			if (!call) throw new Error('no probe in flight');
			call.reject(error);
		},
	};
}
