// Fetches the figures on their own, slower beat. It shares nothing with the probe loop — no
// queue, no await — so a hung Prometheus can never delay a probe, and a failed fetch never
// touches the verdict: it only marks the last good value stale and says why.

import {DEFAULT_METRICS_TIMEOUT_MS} from './fetch-text.js';
import type {MetricsFetch} from './metrics-source.js';
import {
	FIGURE_KEYS,
	makeReading,
	pendingReading,
	staleAfterMs,
	unknownFigure,
	type FigureKey,
	type FigureReading,
	type FigureSource,
	type MetricsReading,
} from './reading.js';
import {sanitizeLine} from '../text/sanitize.js';

export const DEFAULT_METRICS_INTERVAL_MS = 30_000;

/** The timer seam: the real globals, or fake ones in tests. */
export interface PollerTimers {
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export interface MetricsPollerOptions {
	readonly fetch: MetricsFetch;
	/** What the figures say before the first answer (shown as pending). */
	readonly source: FigureSource;
	readonly onReading: (reading: MetricsReading) => void;
	readonly intervalMs?: number;
	/** Deadline of one fetch, enforced here too, so a source that ignores it cannot wedge the poller. */
	readonly timeoutMs?: number;
	readonly now?: () => number;
	readonly timers?: PollerTimers;
}

export interface MetricsPoller {
	/** Fetches at once, then every interval. Idempotent. */
	start(): void;
	/** Fetches now (or joins the fetch in flight) and restarts the interval from it. */
	refreshNow(): Promise<void>;
	/** Cancels the fetch in flight and the next one; no onReading after this. */
	stop(): void;
	/** The latest reading (pending before the first answer). */
	current(): MetricsReading;
	readonly intervalMs: number;
	/** Age past which a value counts as stale: three intervals. */
	readonly staleAfterMs: number;
}

const realTimers: PollerTimers = {
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: handle => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A figure that failed keeps the last good value (with its own fetchedAt, so its age keeps
 * growing) and carries the new error, which marks it stale.
 */
export function keepLastGood(previous: FigureReading, next: FigureReading): FigureReading {
	if (next.value !== null || next.error === null || previous.value === null) return next;
	return {...previous, error: next.error, totalSinceStart: next.totalSinceStart ?? previous.totalSinceStart};
}

export function mergeWithPrevious(previous: MetricsReading, next: MetricsReading): MetricsReading {
	const detail = {} as Record<FigureKey, FigureReading>;
	for (const key of FIGURE_KEYS) detail[key] = keepLastGood(previous.detail[key], next.detail[key]);
	return makeReading(detail);
}

export function createMetricsPoller(options: MetricsPollerOptions): MetricsPoller {
	const intervalMs = options.intervalMs ?? DEFAULT_METRICS_INTERVAL_MS;
	const timeoutMs = options.timeoutMs ?? DEFAULT_METRICS_TIMEOUT_MS;
	const now = options.now ?? Date.now;
	const timers = options.timers ?? realTimers;

	let reading = pendingReading(options.source);
	let running = false;
	let stopped = false;
	let next: unknown = null;
	let inFlight: Promise<void> | null = null;
	let controller: AbortController | null = null;

	function schedule(): void {
		if (!running || stopped) return;
		if (next !== null) timers.clearTimeout(next);
		next = timers.setTimeout(() => {
			next = null;
			void fetchOnce();
		}, intervalMs);
	}

	function failedReading(error: string): MetricsReading {
		const figure = unknownFigure(options.source, {error}, now());
		return makeReading({tokensIssuedLast24h: figure, activeSessions: figure});
	}

	async function attempt(signal: AbortSignal): Promise<MetricsReading> {
		// Our own deadline on top of the source's, on the injected clock: if the fetch never
		// settles, the poller still moves on and reports why.
		let deadline: unknown = null;
		const expired = new Promise<MetricsReading>(resolve => {
			deadline = timers.setTimeout(
				() => resolve(failedReading(`metrics fetch gave no answer within ${timeoutMs} ms`)),
				timeoutMs,
			);
		});
		try {
			return await Promise.race([
				options.fetch(signal).catch((error: unknown) => failedReading(sanitizeLine(`metrics fetch failed: ${String(error)}`))),
				expired,
			]);
		} finally {
			timers.clearTimeout(deadline);
		}
	}

	function fetchOnce(): Promise<void> {
		if (inFlight) return inFlight;
		if (stopped) return Promise.resolve();
		// The next fetch is scheduled only once this one has settled, so a slow source
		// stretches the beat instead of stacking fetches on top of each other.
		if (next !== null) {
			timers.clearTimeout(next);
			next = null;
		}
		const own = new AbortController();
		controller = own;
		inFlight = (async () => {
			const fresh = await attempt(own.signal);
			own.abort();
			if (stopped) return;
			reading = mergeWithPrevious(reading, fresh);
			options.onReading(reading);
		})().finally(() => {
			inFlight = null;
			controller = null;
			schedule();
		});
		return inFlight;
	}

	return {
		intervalMs,
		staleAfterMs: staleAfterMs(intervalMs),
		start() {
			if (running || stopped) return;
			running = true;
			void fetchOnce();
		},
		refreshNow() {
			return fetchOnce();
		},
		stop() {
			stopped = true;
			running = false;
			if (next !== null) timers.clearTimeout(next);
			next = null;
			controller?.abort();
		},
		current() {
			return reading;
		},
	};
}
