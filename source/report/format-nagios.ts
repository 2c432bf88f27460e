// One monitoring-plugins line: `TOKEN-SERVICE WARNING - 734 ms > 500 ms | time=0.734s;0.500;2.000;0;10.000`
// so --once plugs into Nagios, Icinga and friends. Exit codes match: 0 OK, 1 WARNING, 2 CRITICAL.

import {sanitizeLine} from '../text/sanitize.js';
import type {ReportInput} from './report-input.js';

const LABEL = {pass: 'OK', warn: 'WARNING', fail: 'CRITICAL'} as const;

function seconds(ms: number): string {
	return (ms / 1000).toFixed(3);
}

export function formatNagiosReport({result, timeoutMs}: ReportInput): string {
	const {evidence} = result;
	const time = evidence.ResponseTimeMs;
	let summary: string;
	switch (result.condition) {
		case 'unavailable':
			summary = `${time === null ? 'not responding' : 'not issuing tokens'}: ${evidence.Error ?? 'no answer'}`;
			break;
		case 'critically-slow':
			summary = `${time} ms > ${evidence.CriticalThreshold} ms`;
			break;
		case 'slow':
			summary = `${time} ms > ${evidence.WarningThreshold} ms`;
			break;
		default:
			summary = `${time} ms`;
	}
	// A "|" in the text would start the perfdata early.
	const text = sanitizeLine(summary, 300).replace(/\|/g, '/');
	const value = time === null ? 'U' : `${seconds(time)}s`;
	const perf = `time=${value};${seconds(evidence.WarningThreshold)};${seconds(evidence.CriticalThreshold)};0;${seconds(timeoutMs)}`;
	return `TOKEN-SERVICE ${LABEL[result.status]} - ${text} | ${perf}`;
}
