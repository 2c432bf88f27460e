// What the tool knows about the Authority's figures at one moment, and how sure it is.
// A figure is a number with provenance: where it came from, when, and — when it is
// unknown or old — why. Unknown is never shown as 0, and an old value never passes for a
// fresh one.

import type {ServiceFigures} from '../../checks/types.js';
import {formatCount} from '../../checks/token-service.js';

export type FigureKey = keyof ServiceFigures;

export const FIGURE_KEYS = ['tokensIssuedLast24h', 'activeSessions'] as const satisfies readonly FigureKey[];

export type FigureSource = 'prometheus' | 'scrape' | 'none';

export interface FigureReading {
	/** Whole number, or null when unknown. */
	readonly value: number | null;
	readonly source: FigureSource;
	/**
	 * When `value` was fetched (epoch ms). For an unknown figure: when the reason was
	 * learnt. Null before the first attempt and when no source is configured.
	 */
	readonly fetchedAt: number | null;
	/** Why the latest fetch failed, one sanitized line. With a value: that value is a kept, older one. */
	readonly error: string | null;
	/** Why the figure is unknown although nothing failed (not configured, needs Prometheus …). */
	readonly note: string | null;
	/** Counter value since the Authority started, when only a direct scrape could see it. */
	readonly totalSinceStart: number | null;
}

export interface MetricsReading {
	/** What the check evaluates with. */
	readonly figures: ServiceFigures;
	readonly detail: Readonly<Record<FigureKey, FigureReading>>;
}

export const NOT_CONFIGURED_NOTE = 'no metrics source configured (--prometheus-url or --metrics-url)';
export const PENDING_NOTE = 'waiting for the first metrics fetch';

/** A figure nobody has produced yet. */
export function unknownFigure(
	source: FigureSource,
	why: {error?: string | null; note?: string | null},
	fetchedAt: number | null = null,
	totalSinceStart: number | null = null,
): FigureReading {
	return {
		value: null,
		source,
		fetchedAt,
		error: why.error ?? null,
		note: why.error ? null : (why.note ?? null),
		totalSinceStart,
	};
}

export function knownFigure(
	source: FigureSource,
	value: number,
	fetchedAt: number,
	totalSinceStart: number | null = null,
): FigureReading {
	return {value, source, fetchedAt, error: null, note: null, totalSinceStart};
}

/** Builds the reading, keeping `figures` in step with `detail`. */
export function makeReading(detail: Record<FigureKey, FigureReading>): MetricsReading {
	return {
		figures: {
			tokensIssuedLast24h: detail.tokensIssuedLast24h.value,
			activeSessions: detail.activeSessions.value,
		},
		detail,
	};
}

/** Neither --prometheus-url nor --metrics-url: both unknown, which is not an error. */
export function notConfiguredReading(): MetricsReading {
	const figure = unknownFigure('none', {note: NOT_CONFIGURED_NOTE});
	return makeReading({tokensIssuedLast24h: figure, activeSessions: figure});
}

/** Before the first fetch of a configured source has answered. */
export function pendingReading(source: FigureSource): MetricsReading {
	const figure = unknownFigure(source, {note: PENDING_NOTE});
	return makeReading({tokensIssuedLast24h: figure, activeSessions: figure});
}

/** Staleness threshold for a poll interval: three missed polls. */
export function staleAfterMs(intervalMs: number): number {
	return 3 * intervalMs;
}

/** Age of the figure in ms (never negative), or null when it was never fetched. */
export function figureAgeMs(figure: FigureReading, now: number): number | null {
	return figure.fetchedAt === null ? null : Math.max(0, now - figure.fetchedAt);
}

/**
 * A value is stale when the fetch that should have refreshed it failed, or when it is older
 * than `staleAfter` (the poller stalled). Unknown figures are unknown, not stale.
 */
export function isStale(figure: FigureReading, now: number, staleAfter: number): boolean {
	if (figure.value === null) return false;
	if (figure.error !== null) return true;
	const age = figureAgeMs(figure, now);
	return age !== null && age > staleAfter;
}

/** "just now", "12 s ago", "2 min ago", "3 h ago". */
export function formatAge(ageMs: number): string {
	const seconds = Math.floor(ageMs / 1000);
	if (seconds < 1) return 'just now';
	if (seconds < 60) return `${seconds} s ago`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes} min ago`;
	return `${Math.floor(minutes / 60)} h ago`;
}

/**
 * One line for the evidence panel and the text report:
 *   "1,204 (prometheus, 12 s ago)"
 *   "1,204 (scrape, stale, 2 min ago; last fetch: connection refused)"
 *   "unknown — needs Prometheus; 1,204 since Authority start"
 *   "unknown — no metrics source configured (--prometheus-url or --metrics-url)"
 */
export function describeFigure(figure: FigureReading, now: number, staleAfter: number): string {
	if (figure.value === null) {
		const why = figure.error ?? figure.note ?? 'no value';
		const total =
			figure.totalSinceStart === null ? '' : `; ${formatCount(figure.totalSinceStart)} since Authority start`;
		return `unknown — ${why}${total}`;
	}
	const parts: string[] = [figure.source];
	if (isStale(figure, now, staleAfter)) parts.push('stale');
	const age = figureAgeMs(figure, now);
	if (age !== null) parts.push(formatAge(age));
	const failure = figure.error === null ? '' : `; last fetch: ${figure.error}`;
	return `${formatCount(figure.value)} (${parts.join(', ')}${failure})`;
}
