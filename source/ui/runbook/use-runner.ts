// The runner seen from React: its state, a ticking elapsed time while a step runs, and
// start/cancel. The StepRunner itself is created by the app's composition root (it owns the
// environment, PATH and timeouts); this hook only subscribes.

import {useCallback, useEffect, useRef, useState, useSyncExternalStore} from 'react';
import {performance} from 'node:perf_hooks';
import type {RunRecord, RunRequest, RunnerState, StepRunner} from '../../remediation/step-runner.js';

export interface UseRunnerOptions {
	/** After every step: probe at once, add it to the timeline, write the audit log. */
	readonly onFinished?: (record: RunRecord) => void;
	/** How often the elapsed time moves while a step runs (default 1000 ms). */
	readonly tickMs?: number;
}

export interface RunnerView {
	readonly state: RunnerState;
	/** Time since the running step started, or the last step's duration; null before any. */
	readonly elapsedMs: number | null;
	/** False when a step already runs. */
	readonly start: (request: RunRequest) => boolean;
	readonly cancel: () => boolean;
}

export function useRunner(runner: StepRunner, options: UseRunnerOptions = {}): RunnerView {
	const state = useSyncExternalStore(runner.subscribe, runner.getState);
	const [tick, setTick] = useState(0);

	const onFinished = useRef(options.onFinished);
	onFinished.current = options.onFinished;
	useEffect(() => runner.onFinished(record => onFinished.current?.(record)), [runner]);

	useEffect(() => {
		if (!state.running) return;
		const timer = setInterval(() => setTick(value => value + 1), options.tickMs ?? 1000);
		return () => clearInterval(timer);
	}, [state.running, options.tickMs]);

	const start = useCallback((request: RunRequest) => runner.start(request), [runner]);
	const cancel = useCallback(() => runner.cancel(), [runner]);

	void tick;
	let elapsedMs: number | null = null;
	if (state.running && state.current) elapsedMs = Math.max(0, performance.now() - state.current.startedAtMono);
	else if (state.result) elapsedMs = state.result.durationMs;
	return {state, elapsedMs, start, cancel};
}
