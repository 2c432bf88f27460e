import type {Status} from '../../checks/types.js';
import {FAULT_ACTIONS, type FaultAction, type FaultTarget} from './fault-actions.js';

export * from './fault-actions.js';

export interface IncidentStep {
	readonly action: FaultAction;
	/** How long the Authority stays in this state before the next step. */
	readonly holdMs: number;
	/** What the token-service check should show while the step holds (default thresholds). */
	readonly expected: Status;
	readonly label: string;
}

/**
 * `--demo=incident`: a two-minute loop through every state the check can report — healthy,
 * slow, critically slow, down — then recovery, and again. Each state holds long enough for
 * several probes at the default interval to show it on the chart.
 */
export const INCIDENT_SCHEDULE: readonly IncidentStep[] = Object.freeze([
	{action: 'clear', holdMs: 30_000, expected: 'pass', label: 'healthy'},
	{action: 'latency', holdMs: 30_000, expected: 'warn', label: 'slow: +800 ms'},
	{action: 'heavy-latency', holdMs: 30_000, expected: 'fail', label: 'critically slow: +2600 ms'},
	{action: 'stop', holdMs: 30_000, expected: 'fail', label: 'stopped: connections refused'},
]);

export interface TimerSeam {
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export interface IncidentOptions {
	readonly timers: TimerSeam;
	readonly schedule?: readonly IncidentStep[];
	/** Called after a step's action took effect. */
	readonly onStep?: (step: IncidentStep, index: number) => void;
	/** A failed action (e.g. the Authority is gone) is reported and the script carries on. */
	readonly onError?: (error: unknown, step: IncidentStep) => void;
}

/**
 * Runs the schedule against the Authority, looping, until the returned function is called.
 * Steps are applied one at a time: the next step's timer starts only once the previous
 * action has finished, so a slow control call can never make two actions overlap.
 */
export function runIncident(target: FaultTarget, options: IncidentOptions): () => void {
	const schedule = options.schedule ?? INCIDENT_SCHEDULE;
	if (schedule.length === 0) throw new RangeError('the incident schedule is empty');
	let stopped = false;
	let timer: unknown = null;

	const run = (index: number) => {
		timer = null;
		if (stopped) return;
		const step = schedule[index % schedule.length]!;
		FAULT_ACTIONS[step.action](target).then(
			() => {
				if (!stopped) options.onStep?.(step, index % schedule.length);
			},
			(error: unknown) => {
				if (!stopped) options.onError?.(error, step);
			},
		).finally(() => {
			if (!stopped) timer = options.timers.setTimeout(() => run((index + 1) % schedule.length), step.holdMs);
		});
	};

	run(0);
	return () => {
		stopped = true;
		if (timer !== null) options.timers.clearTimeout(timer);
		timer = null;
	};
}
