// Time enters the monitor through these two seams only, so tests can drive it exactly:
// a wall clock for what people read (timestamps, "3 s ago", the 5-minute window) and a
// monotonic one for scheduling, which must not jump when NTP moves the wall clock.

export interface Clock {
	/** Wall-clock time, epoch ms. */
	now(): number;
	/** Monotonic time, ms from an arbitrary origin. */
	monotonic(): number;
}

/** The timer seam: the real globals, or a hand-driven queue in tests. */
export interface Timers {
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	monotonic: () => performance.now(),
};

export const systemTimers: Timers = {
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: handle => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
