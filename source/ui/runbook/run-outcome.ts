// How a step's end reads in the output panel (and, for the lead, on the timeline).

import type {RunRecord} from '../../remediation/step-runner.js';

export type Tone = 'ok' | 'bad' | 'warn';

export function formatDuration(ms: number): string {
	if (ms < 1000) return `${Math.round(ms)} ms`;
	if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
	const seconds = Math.floor(ms / 1000);
	return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

export function describeOutcome(record: RunRecord): {readonly text: string; readonly tone: Tone} {
	const took = formatDuration(record.durationMs);
	if (record.error !== null) return {text: record.error, tone: 'bad'};
	if (record.timedOut) return {text: `timed out after ${took}`, tone: 'bad'};
	if (record.cancelled) return {text: `cancelled after ${took}`, tone: 'warn'};
	if (record.signal !== null) return {text: `killed by ${record.signal} after ${took}`, tone: 'bad'};
	return {text: `exit ${record.exitCode ?? '?'} · ${took}`, tone: record.exitCode === 0 ? 'ok' : 'bad'};
}
