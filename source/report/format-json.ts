// The machine-readable report. JSON.stringify escapes every control character, so hostile
// text from the server cannot act on a terminal that displays it.

import type {Phases} from '../../checks/types.js';
import type {ReportInput} from './report-input.js';

function roundPhases(phases: Phases): Record<keyof Phases, number | null> {
	const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
	return {
		dnsMs: round(phases.dnsMs),
		connectMs: round(phases.connectMs),
		tlsMs: round(phases.tlsMs),
		firstByteMs: round(phases.firstByteMs),
		transferMs: round(phases.transferMs),
	};
}

export function formatJsonReport({result, sample, metricsJson}: ReportInput): string {
	const report = {
		checkId: result.checkId,
		status: result.status,
		message: result.message,
		evidence: result.evidence,
		phases: roundPhases(sample.phases),
		timestamp: new Date(sample.startedAt).toISOString(),
		probeMode: sample.mode,
		httpStatus: sample.httpStatus,
		...(sample.insecure ? {tlsVerification: 'disabled (--insecure)'} : {}),
		...(metricsJson === undefined ? {} : {metrics: metricsJson}),
	};
	// Escape the characters JSON allows raw but terminals and editors may act on (C1 controls,
	// bidirectional overrides, line/paragraph separators).
	return JSON.stringify(report, null, 2).replace(/[\u0080-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, char =>
		`\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}
