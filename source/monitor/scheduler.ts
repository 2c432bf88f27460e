// Runs one task (a probe) every interval, never two at once. The cadence is start-to-start:
// a probe that takes longer than the interval delays the next one, which then starts as soon
// as it ends — probes never pile up behind a slow service.

import type {Clock, Timers} from './clock.js';

export interface SchedulerOptions {
	readonly intervalMs: number;
	/** One probe cycle. A rejection is swallowed: the task records its own failures. */
	readonly task: () => Promise<void>;
	readonly clock: Pick<Clock, 'monotonic'>;
	readonly timers: Timers;
	/** Called whenever inFlight, paused or the next due time changes. */
	readonly onChange?: () => void;
}

export interface SchedulerState {
	readonly inFlight: boolean;
	readonly paused: boolean;
	readonly stopped: boolean;
	/** Monotonic time the next probe is due, or null when none is scheduled. */
	readonly nextDueAt: number | null;
}

export interface Scheduler {
	/** Probes at once, then every interval. Idempotent. */
	start(): void;
	/** Probes now unless one is in flight; restarts the cadence from this probe. Works while paused (one probe). */
	probeNow(): boolean;
	/** No further probes are scheduled; one in flight still completes. */
	pause(): void;
	/** Probes at once (fresh data after a pause), then every interval. */
	resume(): void;
	/** Pauses or resumes; returns whether it is paused now. */
	togglePause(): boolean;
	/** Ends scheduling for good. */
	stop(): void;
	state(): SchedulerState;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
	const {intervalMs, task, clock, timers} = options;
	if (!(intervalMs > 0)) throw new RangeError(`interval must be positive, got ${intervalMs}`);
	let inFlight = false;
	let paused = false;
	let stopped = false;
	let started = false;
	let timer: unknown = null;
	let nextDueAt: number | null = null;

	const changed = () => options.onChange?.();

	function disarm(): void {
		if (timer !== null) timers.clearTimeout(timer);
		timer = null;
		nextDueAt = null;
	}

	function arm(dueAt: number): void {
		disarm();
		nextDueAt = dueAt;
		timer = timers.setTimeout(() => {
			timer = null;
			nextDueAt = null;
			void run();
		}, Math.max(0, dueAt - clock.monotonic()));
	}

	async function run(): Promise<void> {
		if (inFlight || stopped) return;
		disarm();
		inFlight = true;
		const startedAt = clock.monotonic();
		changed();
		try {
			await task();
		} catch {
			// The task reports its own failures; a throw must not stop the monitor.
		}
		inFlight = false;
		if (stopped) return;
		if (!paused) arm(startedAt + intervalMs);
		changed();
	}

	return {
		start() {
			if (started || stopped) return;
			started = true;
			void run();
		},
		probeNow() {
			if (inFlight || stopped) return false;
			void run();
			return true;
		},
		pause() {
			if (paused || stopped) return;
			paused = true;
			disarm();
			changed();
		},
		resume() {
			if (!paused || stopped) return;
			paused = false;
			if (inFlight) changed();
			else void run();
		},
		togglePause() {
			if (paused) this.resume();
			else this.pause();
			return paused;
		},
		stop() {
			stopped = true;
			disarm();
		},
		state() {
			return {inFlight, paused, stopped, nextDueAt};
		},
	};
}
