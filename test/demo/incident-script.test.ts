import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {
	addHeavyLatency,
	addLatency,
	clearFaults,
	HEAVY_LATENCY_FAULT_MS,
	INCIDENT_SCHEDULE,
	LATENCY_FAULT_MS,
	runIncident,
	stopAuthority,
	type FaultTarget,
	type IncidentStep,
	type TimerSeam,
} from '../../source/demo/incident-script.js';

/** Records what the faults do to the Authority; the real handle is tested elsewhere. */
function recordingTarget(failOn?: string): FaultTarget & {calls: string[]} {
	const calls: string[] = [];
	const act = async (call: string) => {
		calls.push(call);
		if (call === failOn) throw new Error(`${call} failed`);
		return {} as never;
	};
	return {
		calls,
		setLatency: ms => act(`latency ${ms}`),
		stop: () => act('stop'),
		start: () => act('start'),
	};
}

const timers: TimerSeam = {
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: handle => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

describe('fault actions', () => {
	it('map the demo keys onto the handle', async () => {
		const target = recordingTarget();
		await addLatency(target);
		await addHeavyLatency(target);
		await stopAuthority(target);
		await clearFaults(target);
		expect(target.calls).toEqual([`latency ${LATENCY_FAULT_MS}`, `latency ${HEAVY_LATENCY_FAULT_MS}`, 'stop', 'latency 0', 'start']);
	});

	it('choose latencies on the right side of the default thresholds', () => {
		expect(LATENCY_FAULT_MS).toBeGreaterThan(500);
		expect(LATENCY_FAULT_MS).toBeLessThan(2000);
		expect(HEAVY_LATENCY_FAULT_MS).toBeGreaterThan(2000);
		expect(HEAVY_LATENCY_FAULT_MS).toBeLessThan(10_000);
	});
});

describe('incident script', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('cycles through pass, warn, fail, down in about two minutes', () => {
		const total = INCIDENT_SCHEDULE.reduce((sum, step) => sum + step.holdMs, 0);
		expect(total).toBeGreaterThanOrEqual(90_000);
		expect(total).toBeLessThanOrEqual(150_000);
		expect(INCIDENT_SCHEDULE.map(step => step.expected)).toEqual(['pass', 'warn', 'fail', 'fail']);
		expect(INCIDENT_SCHEDULE.map(step => step.action)).toEqual(['clear', 'latency', 'heavy-latency', 'stop']);
	});

	it('applies each step after the previous one held, loops, and stops cleanly', async () => {
		const target = recordingTarget();
		const seen: string[] = [];
		const stop = runIncident(target, {timers, onStep: step => seen.push(step.label)});
		await vi.advanceTimersByTimeAsync(0);
		expect(target.calls).toEqual(['latency 0', 'start']);

		await vi.advanceTimersByTimeAsync(29_999);
		expect(target.calls).toHaveLength(2);
		await vi.advanceTimersByTimeAsync(1);
		expect(target.calls.at(-1)).toBe(`latency ${LATENCY_FAULT_MS}`);
		await vi.advanceTimersByTimeAsync(30_000);
		expect(target.calls.at(-1)).toBe(`latency ${HEAVY_LATENCY_FAULT_MS}`);
		await vi.advanceTimersByTimeAsync(30_000);
		expect(target.calls.at(-1)).toBe('stop');
		await vi.advanceTimersByTimeAsync(30_000);
		// Back to the start: clear restarts the stopped Authority.
		expect(target.calls.slice(-2)).toEqual(['latency 0', 'start']);
		expect(seen).toEqual([...INCIDENT_SCHEDULE.map(step => step.label), 'healthy']);

		stop();
		expect(vi.getTimerCount()).toBe(0);
		const count = target.calls.length;
		await vi.advanceTimersByTimeAsync(300_000);
		expect(target.calls).toHaveLength(count);
	});

	it('reports a failed action and carries on with the next step', async () => {
		const target = recordingTarget('stop');
		const errors: string[] = [];
		const schedule: IncidentStep[] = [
			{action: 'stop', holdMs: 1000, expected: 'fail', label: 'down'},
			{action: 'latency', holdMs: 1000, expected: 'warn', label: 'slow'},
		];
		const stop = runIncident(target, {timers, schedule, onError: (error, step) => errors.push(`${step.label}: ${(error as Error).message}`)});
		await vi.advanceTimersByTimeAsync(1000);
		expect(errors).toEqual(['down: stop failed']);
		expect(target.calls).toEqual(['stop', `latency ${LATENCY_FAULT_MS}`]);
		stop();
	});

	it('does not schedule anything when stopped while an action is in flight', async () => {
		let release: () => void = () => {};
		const target: FaultTarget = {
			setLatency: () => new Promise(resolve => (release = () => resolve({} as never))),
			stop: async () => ({}) as never,
			start: async () => ({}) as never,
		};
		const stop = runIncident(target, {timers});
		stop();
		release();
		await vi.advanceTimersByTimeAsync(0);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('refuses an empty schedule', () => {
		expect(() => runIncident(recordingTarget(), {timers, schedule: []})).toThrow(RangeError);
	});
});
