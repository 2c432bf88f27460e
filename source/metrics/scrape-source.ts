// The figures straight from the Authority's own /metrics. A counter read once says how many
// tokens were issued since the Authority started, not in the last 24 hours: the 24 h figure
// comes only from a gauge the Authority keeps over its own window; without one it stays
// unknown and the since-start count is offered beside the reason, never in its place.

import type {Dispatcher} from 'undici';
import {sanitizeLine} from '../text/sanitize.js';
import {FetchError, fetchText} from './fetch-text.js';
import {DEFAULT_METRIC_NAMES, readExposition, type MetricNames, type SeriesValue} from './exposition.js';
import {knownFigure, makeReading, unknownFigure, type FigureReading, type MetricsReading} from './reading.js';

export const NEEDS_PROMETHEUS_NOTE = 'needs Prometheus';

export interface ScrapeSourceOptions {
	/** The Authority's metrics URL, e.g. http://authority:8080/metrics. */
	readonly url: string;
	readonly names?: Partial<MetricNames>;
	readonly timeoutMs?: number;
	readonly maxBytes?: number;
	readonly signal?: AbortSignal;
	readonly dispatcher?: Dispatcher;
	readonly now?: () => number;
}

// Prefer the classic text format: the parser reads it, and every client library serves it.
const ACCEPT = 'text/plain;version=0.0.4;q=1, */*;q=0.1';

function fail(at: number, error: string): MetricsReading {
	const figure = unknownFigure('scrape', {error: `scrape: ${error}`}, at);
	return makeReading({tokensIssuedLast24h: figure, activeSessions: figure});
}

function whole(value: number): number {
	return Math.round(value);
}

function tokensFigure(window: SeriesValue, counter: SeriesValue, names: MetricNames, at: number): FigureReading {
	const total = counter.ok ? whole(counter.value) : null;
	if (window.ok) return knownFigure('scrape', whole(window.value), at, total);
	if (!('absent' in window)) return unknownFigure('scrape', {error: `scrape: ${window.error}`}, at, total);
	if (counter.ok) return unknownFigure('scrape', {note: NEEDS_PROMETHEUS_NOTE}, at, total);
	if ('absent' in counter) {
		return unknownFigure(
			'scrape',
			{note: `${NEEDS_PROMETHEUS_NOTE}; neither ${names.tokensWindowGauge} nor ${names.tokensCounter} is exposed`},
			at,
		);
	}
	return unknownFigure('scrape', {error: `scrape: ${counter.error}`}, at);
}

function sessionsFigure(sessions: SeriesValue, at: number): FigureReading {
	if (sessions.ok) return knownFigure('scrape', whole(sessions.value), at);
	return unknownFigure('scrape', {error: `scrape: ${sessions.error}`}, at);
}

/** Interprets an exposition text (pure; `at` is the fetch time). */
export function figuresFromExposition(text: string, names: MetricNames, at: number): MetricsReading {
	let values;
	try {
		values = readExposition(text, names);
	} catch (error) {
		return fail(at, error instanceof Error ? error.message : String(error));
	}
	return makeReading({
		tokensIssuedLast24h: tokensFigure(values.tokensWindowGauge, values.tokensCounter, names, at),
		activeSessions: sessionsFigure(values.sessionsGauge, at),
	});
}

/** GETs the metrics URL and reads both figures from it; never throws. */
export async function fetchScrapeFigures(options: ScrapeSourceOptions): Promise<MetricsReading> {
	const now = options.now ?? Date.now;
	const names: MetricNames = {...DEFAULT_METRIC_NAMES, ...options.names};
	let text: string;
	try {
		const response = await fetchText(new URL(options.url), {
			timeoutMs: options.timeoutMs,
			maxBytes: options.maxBytes,
			signal: options.signal,
			dispatcher: options.dispatcher,
			accept: ACCEPT,
		});
		if (response.status < 200 || response.status > 299) {
			return fail(now(), sanitizeLine(`HTTP ${response.status} from the metrics endpoint`));
		}
		// A login page or a proxy's error page parses as nonsense series: name it instead.
		if (response.contentType.trim().toLowerCase().startsWith('text/html')) {
			return fail(now(), 'the metrics URL answered with an HTML page, not Prometheus metrics');
		}
		text = response.text;
	} catch (error) {
		return fail(now(), error instanceof FetchError ? error.message : sanitizeLine(String(error)));
	}
	return figuresFromExposition(text, names, now());
}
