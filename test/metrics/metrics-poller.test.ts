import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {createMetricsPoller, keepLastGood, type PollerTimers} from '../../source/metrics/metrics-poller.js';
import {
	describeFigure,
	isStale,
	knownFigure,
	makeReading,
	unknownFigure,
	type MetricsReading,
} from '../../source/metrics/reading.js';

const INTERVAL = 30_000;
const START = 1_718_000_000_000;

// The seams bound to vitest's fake timers and clock.
const timers: PollerTimers = {
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: handle => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
const now = () => Date.now();

function good(tokens: number, sessions: number): MetricsReading {
	return makeReading({
		tokensIssuedLast24h: knownFigure('prometheus', tokens, Date.now()),
		activeSessions: knownFigure('prometheus', sessions, Date.now()),
	});
}

function failing(error: string): MetricsReading {
	const figure = unknownFigure('prometheus', {error}, Date.now());
	return makeReading({tokensIssuedLast24h: figure, activeSessions: figure});
}

interface Deferred {
	resolve(reading: MetricsReading): void;
	signal: AbortSignal;
}

/** A fetch seam whose answers the test hands out one by one. */
function manualFetch() {
	const calls: Deferred[] = [];
	const fetch = vi.fn((signal?: AbortSignal) => {
		return new Promise<MetricsReading>(resolve => calls.push({resolve, signal: signal!}));
	});
	return {fetch, calls};
}

beforeEach(() => {
	vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'Date']});
	vi.setSystemTime(START);
});

afterEach(() => {
	vi.useRealTimers();
});

describe('createMetricsPoller', () => {
	it('starts pending, fetches at once, then once per interval', async () => {
		const readings: MetricsReading[] = [];
		const fetch = vi.fn(async () => good(10, 2));
		const poller = createMetricsPoller({fetch, source: 'prometheus', onReading: r => readings.push(r), timers, now});
		expect(poller.current().detail.activeSessions.note).toBe('waiting for the first metrics fetch');
		expect(poller.current().detail.activeSessions.source).toBe('prometheus');

		poller.start();
		poller.start(); // idempotent
		await vi.advanceTimersByTimeAsync(0);
		expect(fetch).toHaveBeenCalledTimes(1);
		expect(readings).toHaveLength(1);
		expect(poller.current().figures).toEqual({tokensIssuedLast24h: 10, activeSessions: 2});

		await vi.advanceTimersByTimeAsync(INTERVAL - 1);
		expect(fetch).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(fetch).toHaveBeenCalledTimes(2);
		await vi.advanceTimersByTimeAsync(INTERVAL);
		expect(fetch).toHaveBeenCalledTimes(3);
		poller.stop();
		expect(vi.getTimerCount()).toBe(0);
	});

	it('never has two fetches in flight: a slow fetch delays the next, refreshNow joins it', async () => {
		const {fetch, calls} = manualFetch();
		const poller = createMetricsPoller({
			fetch,
			source: 'prometheus',
			onReading: () => {},
			intervalMs: INTERVAL,
			timeoutMs: 10 * INTERVAL,
			timers,
			now,
		});
		poller.start();
		await vi.advanceTimersByTimeAsync(3 * INTERVAL);
		const joined = poller.refreshNow();
		expect(fetch).toHaveBeenCalledTimes(1);

		calls[0]!.resolve(good(1, 1));
		await joined;
		expect(fetch).toHaveBeenCalledTimes(1);
		// The next beat counts from the answer.
		await vi.advanceTimersByTimeAsync(INTERVAL - 1);
		expect(fetch).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(fetch).toHaveBeenCalledTimes(2);
		poller.stop();
	});

	it('refreshNow fetches at once and restarts the interval from there', async () => {
		const fetch = vi.fn(async () => good(1, 1));
		const poller = createMetricsPoller({fetch, source: 'scrape', onReading: () => {}, timers, now});
		poller.start();
		await vi.advanceTimersByTimeAsync(INTERVAL / 2);
		await poller.refreshNow();
		expect(fetch).toHaveBeenCalledTimes(2);
		await vi.advanceTimersByTimeAsync(INTERVAL - 1);
		expect(fetch).toHaveBeenCalledTimes(2);
		await vi.advanceTimersByTimeAsync(1);
		expect(fetch).toHaveBeenCalledTimes(3);
		poller.stop();
	});

	it('keeps the last good value, marked stale, when a later fetch fails', async () => {
		let next: () => MetricsReading = () => good(1204, 37);
		const poller = createMetricsPoller({fetch: async () => next(), source: 'prometheus', onReading: () => {}, timers, now});
		poller.start();
		await vi.advanceTimersByTimeAsync(0);
		const firstAt = Date.now();
		const staleAfter = poller.staleAfterMs;
		expect(staleAfter).toBe(3 * INTERVAL);
		expect(isStale(poller.current().detail.activeSessions, Date.now(), staleAfter)).toBe(false);
		expect(describeFigure(poller.current().detail.tokensIssuedLast24h, Date.now(), staleAfter)).toBe(
			'1,204 (prometheus, just now)',
		);

		next = () => failing('prometheus: connection refused (http://127.0.0.1:9090/api/v1/query)');
		await vi.advanceTimersByTimeAsync(INTERVAL);
		const sessions = poller.current().detail.activeSessions;
		expect(poller.current().figures).toEqual({tokensIssuedLast24h: 1204, activeSessions: 37});
		expect(sessions.fetchedAt).toBe(firstAt);
		expect(sessions.error).toMatch(/connection refused/);
		expect(isStale(sessions, Date.now(), staleAfter)).toBe(true);

		await vi.advanceTimersByTimeAsync(3 * INTERVAL);
		expect(describeFigure(poller.current().detail.activeSessions, Date.now(), staleAfter)).toBe(
			'37 (prometheus, stale, 2 min ago; last fetch: prometheus: connection refused (http://127.0.0.1:9090/api/v1/query))',
		);

		// Recovery: fresh again.
		next = () => good(1300, 40);
		await poller.refreshNow();
		const fresh = poller.current().detail.activeSessions;
		expect(fresh).toMatchObject({value: 40, error: null, fetchedAt: Date.now()});
		expect(isStale(fresh, Date.now(), staleAfter)).toBe(false);
		poller.stop();
	});

	it('a value that is not refreshed goes stale with age alone', async () => {
		const poller = createMetricsPoller({fetch: async () => good(5, 5), source: 'prometheus', onReading: () => {}, timers, now});
		await poller.refreshNow(); // one fetch, no beat: nothing refreshes it
		const figure = poller.current().detail.tokensIssuedLast24h;
		vi.advanceTimersByTime(poller.staleAfterMs);
		expect(isStale(figure, Date.now(), poller.staleAfterMs)).toBe(false);
		vi.advanceTimersByTime(1);
		expect(isStale(figure, Date.now(), poller.staleAfterMs)).toBe(true);
		expect(describeFigure(figure, Date.now(), poller.staleAfterMs)).toBe('5 (prometheus, stale, 1 min ago)');
	});

	it('enforces its own deadline on a fetch that never settles, and aborts it', async () => {
		const {fetch, calls} = manualFetch();
		const readings: MetricsReading[] = [];
		const poller = createMetricsPoller({
			fetch,
			source: 'prometheus',
			onReading: r => readings.push(r),
			timeoutMs: 5000,
			timers,
			now,
		});
		poller.start();
		await vi.advanceTimersByTimeAsync(4999);
		expect(readings).toHaveLength(0);
		expect(calls[0]!.signal.aborted).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		expect(readings).toHaveLength(1);
		expect(readings[0]!.detail.activeSessions.error).toBe('metrics fetch gave no answer within 5000 ms');
		expect(calls[0]!.signal.aborted).toBe(true);
		// The beat goes on after the abandoned fetch.
		await vi.advanceTimersByTimeAsync(INTERVAL);
		expect(fetch).toHaveBeenCalledTimes(2);
		poller.stop();
	});

	it('turns a fetch that throws into an error reading', async () => {
		const poller = createMetricsPoller({
			fetch: async () => {
				throw new Error('boom\u001b[31m red');
			},
			source: 'scrape',
			onReading: () => {},
			timers,
			now,
		});
		await poller.refreshNow();
		expect(poller.current().detail.tokensIssuedLast24h.error).toBe('metrics fetch failed: Error: boom red');
		expect(poller.current().figures).toEqual({tokensIssuedLast24h: null, activeSessions: null});
	});

	it('stop() aborts the fetch in flight, reports nothing more and leaves no timer', async () => {
		const {fetch, calls} = manualFetch();
		const onReading = vi.fn();
		const poller = createMetricsPoller({fetch, source: 'prometheus', onReading, timers, now});
		poller.start();
		await vi.advanceTimersByTimeAsync(100);
		poller.stop();
		expect(calls[0]!.signal.aborted).toBe(true);
		calls[0]!.resolve(good(1, 1));
		await vi.advanceTimersByTimeAsync(10 * INTERVAL);
		expect(onReading).not.toHaveBeenCalled();
		expect(fetch).toHaveBeenCalledTimes(1);
		expect(vi.getTimerCount()).toBe(0);
		poller.start(); // a stopped poller stays stopped
		await vi.advanceTimersByTimeAsync(INTERVAL);
		expect(fetch).toHaveBeenCalledTimes(1);
	});
});

describe('keepLastGood', () => {
	const at = START;
	it('keeps an older value only over an error, not over a note or a new value', () => {
		const old = knownFigure('scrape', 9, at - 1000, 100);
		expect(keepLastGood(old, unknownFigure('scrape', {error: 'x'}, at))).toEqual({...old, error: 'x'});
		const note = unknownFigure('scrape', {note: 'needs Prometheus'}, at, 120);
		expect(keepLastGood(old, note)).toBe(note);
		const fresh = knownFigure('scrape', 10, at);
		expect(keepLastGood(old, fresh)).toBe(fresh);
		const never = unknownFigure('scrape', {note: 'waiting'});
		const failed = unknownFigure('scrape', {error: 'y'}, at);
		expect(keepLastGood(never, failed)).toBe(failed);
	});
});
