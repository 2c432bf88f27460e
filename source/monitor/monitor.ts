// The live monitor as a plain store: it schedules probes, judges each with the check,
// keeps bounded history, rolling statistics and the timeline, and hands out immutable
// snapshots (for React's useSyncExternalStore, or anything else that subscribes).

import {DEFAULT_THRESHOLDS, evaluate, roundMs, tokenServiceCheck} from '../../checks/token-service.js';
import type {CheckResult, ProbeMode, Sample, ServiceFigures, Status, Thresholds} from '../../checks/types.js';
import {NO_PHASES, UNKNOWN_FIGURES} from '../../checks/types.js';
import {sanitizeLine} from '../text/sanitize.js';
import {systemClock, systemTimers, type Clock, type Timers} from './clock.js';
import {RingBuffer} from './ring-buffer.js';
import {createScheduler, type Scheduler} from './scheduler.js';
import {SinceStartStats, WindowStats, type StatsSummary} from './stats.js';
import {DEFAULT_TIMELINE_CAPACITY, Timeline, type TimelineEntry} from './timeline.js';

export const DEFAULT_WINDOW_MS = 5 * 60_000;
// More columns than any terminal is wide: the chart shows what fits, the rest is dropped.
export const DEFAULT_HISTORY_CAPACITY = 2048;

/** One probe with its verdict. */
export interface Observation {
	readonly sample: Sample;
	readonly result: CheckResult;
	/** When the probe's answer (or failure) reached the monitor, epoch ms. */
	readonly receivedAt: number;
}

/** One probe as the chart draws it. */
export interface ChartPoint {
	/** Probe start, epoch ms. */
	readonly at: number;
	/** Whole-ms response time; null when the service did not answer (drawn as a failure mark). */
	readonly ms: number | null;
	readonly status: Status;
}

export interface HistoryView {
	readonly size: number;
	/** The newest `count` points, oldest first. */
	recent(count: number): ChartPoint[];
}

export interface MonitorSnapshot {
	readonly checkId: string;
	readonly endpoint: string;
	readonly thresholds: Thresholds;
	readonly intervalMs: number;
	/** When the monitor started, epoch ms. */
	readonly startedAt: number;
	readonly latest: Observation | null;
	readonly inFlight: boolean;
	readonly paused: boolean;
	readonly probes: number;
	readonly sinceStart: StatsSummary;
	readonly lastWindow: StatsSummary;
	readonly windowMs: number;
	readonly timeline: readonly TimelineEntry[];
	readonly history: HistoryView;
	/** Changes whenever a point is added to the history. */
	readonly historyVersion: number;
}

export interface MonitorOptions {
	readonly endpoint: string;
	readonly intervalMs: number;
	readonly probe: () => Promise<Sample>;
	readonly thresholds?: Thresholds;
	/** The Authority's figures for the verdict; unknown when absent or when it throws. */
	readonly figures?: () => ServiceFigures;
	/** The probe mode, for the failure sample recorded when the probe itself throws. */
	readonly mode?: ProbeMode;
	readonly clock?: Clock;
	readonly timers?: Timers;
	readonly windowMs?: number;
	readonly historyCapacity?: number;
	readonly timelineCapacity?: number;
}

export interface Monitor {
	start(): void;
	stop(): void;
	/** False when a probe is already in flight. */
	probeNow(): boolean;
	pause(): void;
	resume(): void;
	togglePause(): boolean;
	/** Adds a line to the timeline (a remediation step ran, …). */
	note(text: string): void;
	/** Lets the trailing window forget probes that aged out (call on the shared clock's tick). */
	expire(): void;
	subscribe(listener: () => void): () => void;
	getSnapshot(): MonitorSnapshot;
}

/** How long a probe is out before the header shows it (see onChange below). */
export const IN_FLIGHT_SIGN_DELAY_MS = 300;

export function createMonitor(options: MonitorOptions): Monitor {
	const clock = options.clock ?? systemClock;
	const timers = options.timers ?? systemTimers;
	const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
	const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
	const history = new RingBuffer<ChartPoint>(options.historyCapacity ?? DEFAULT_HISTORY_CAPACITY);
	const sinceStart = new SinceStartStats();
	const lastWindow = new WindowStats(windowMs);
	const timeline = new Timeline(options.timelineCapacity ?? DEFAULT_TIMELINE_CAPACITY);
	const listeners = new Set<() => void>();
	let stopped = false;

	const historyView: HistoryView = {
		get size() {
			return history.size;
		},
		recent: count => history.recent(count),
	};

	let snapshot: MonitorSnapshot = {
		checkId: tokenServiceCheck.id,
		endpoint: options.endpoint,
		thresholds,
		intervalMs: options.intervalMs,
		startedAt: clock.now(),
		latest: null,
		inFlight: false,
		paused: false,
		probes: 0,
		sinceStart: sinceStart.summary(),
		lastWindow: lastWindow.summary(),
		windowMs,
		timeline: timeline.entries(),
		history: historyView,
		historyVersion: 0,
	};

	let signTimer: unknown = null;

	function publish(next: Partial<MonitorSnapshot>): void {
		snapshot = {...snapshot, ...next};
		for (const listener of [...listeners]) listener();
	}

	function currentFigures(): ServiceFigures {
		try {
			return options.figures?.() ?? UNKNOWN_FIGURES;
		} catch {
			return UNKNOWN_FIGURES;
		}
	}

	// The probe is meant never to throw; if it does anyway, that is a failed probe at its time,
	// not a crash and not a gap.
	async function probeSafely(): Promise<Sample> {
		const startedAt = clock.now();
		try {
			return await options.probe();
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			return {
				endpoint: options.endpoint,
				startedAt,
				mode: options.mode ?? 'reachability',
				available: false,
				responseTimeMs: null,
				httpStatus: null,
				error: sanitizeLine(`probe failed: ${message}`, 300),
				phases: NO_PHASES,
				insecure: false,
			};
		}
	}

	function record(sample: Sample): void {
		const result = evaluate(sample, thresholds, currentFigures());
		const receivedAt = clock.now();
		const ms = result.condition === 'unavailable' || sample.responseTimeMs === null ? null : roundMs(sample.responseTimeMs);
		const point: ChartPoint = {at: sample.startedAt, ms, status: result.status};
		history.push(point);
		sinceStart.add(point);
		lastWindow.add(point, receivedAt);
		const error = sample.error === null ? null : sanitizeLine(sample.error, 300);
		timeline.observe(sample.startedAt, result.status, sample.responseTimeMs === null ? null : roundMs(sample.responseTimeMs), error, result.condition);
		publish({
			latest: {sample, result, receivedAt},
			probes: snapshot.probes + 1,
			sinceStart: sinceStart.summary(),
			lastWindow: lastWindow.summary(),
			timeline: timeline.entries(),
			historyVersion: snapshot.historyVersion + 1,
		});
	}

	const scheduler: Scheduler = createScheduler({
		intervalMs: options.intervalMs,
		clock,
		timers,
		task: async () => {
			const sample = await probeSafely();
			if (!stopped) record(sample);
		},
		onChange: () => {
			if (stopped) return;
			const state = scheduler.state();
			if (state.paused !== snapshot.paused) publish({paused: state.paused});
			if (state.inFlight && !snapshot.inFlight && signTimer === null) {
				// Drawing the in-flight sign costs a render, and a render at the start of a probe
				// lands while its connect and first byte are being timed: measured, it added 15–30 ms
				// to a 4 ms answer. So the sign shows only for a probe that is still out a little later.
				signTimer = timers.setTimeout(() => {
					signTimer = null;
					if (!stopped && scheduler.state().inFlight) publish({inFlight: true});
				}, IN_FLIGHT_SIGN_DELAY_MS);
			}
			if (!state.inFlight) {
				if (signTimer !== null) timers.clearTimeout(signTimer);
				signTimer = null;
				if (snapshot.inFlight) publish({inFlight: false});
			}
		},
	});

	return {
		start: () => scheduler.start(),
		stop() {
			stopped = true;
			if (signTimer !== null) timers.clearTimeout(signTimer);
			scheduler.stop();
			listeners.clear();
		},
		probeNow: () => scheduler.probeNow(),
		pause: () => scheduler.pause(),
		resume: () => scheduler.resume(),
		togglePause: () => scheduler.togglePause(),
		note(text) {
			timeline.note(clock.now(), sanitizeLine(text, 300));
			publish({timeline: timeline.entries()});
		},
		expire() {
			if (lastWindow.expire(clock.now())) publish({lastWindow: lastWindow.summary()});
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		getSnapshot: () => snapshot,
	};
}
