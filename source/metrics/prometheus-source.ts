// The figures from a Prometheus-compatible query API (Prometheus, Thanos, Mimir,
// VictoriaMetrics): one instant query per figure. This is the source that scales — one
// Prometheus sees every Authority replica — and the only one that can answer "in the last
// 24 hours" from a plain counter.

import type {Dispatcher} from 'undici';
import {sanitizeLine} from '../text/sanitize.js';
import {FetchError, fetchText} from './fetch-text.js';
import {parseSampleValue, type ValueOutcome} from './sample-value.js';
import {
	FIGURE_KEYS,
	knownFigure,
	makeReading,
	unknownFigure,
	type FigureKey,
	type FigureReading,
	type MetricsReading,
} from './reading.js';

export const DEFAULT_PROMQL: Readonly<Record<FigureKey, string>> = Object.freeze({
	tokensIssuedLast24h: 'sum(increase(stellaops_authority_tokens_issued_total[24h]))',
	activeSessions: 'sum(stellaops_authority_active_sessions)',
});

export interface PrometheusSourceOptions {
	/** Base URL of the server, e.g. http://prometheus:9090 or https://host/prometheus. */
	readonly url: string;
	readonly queries?: Partial<Record<FigureKey, string>>;
	readonly timeoutMs?: number;
	readonly maxBytes?: number;
	readonly signal?: AbortSignal;
	readonly dispatcher?: Dispatcher;
	readonly now?: () => number;
}

/** The instant-query URL under `base`, keeping any path prefix (…/prometheus/api/v1/query). */
export function queryUrl(base: string, query: string): URL {
	const root = new URL(base);
	if (!root.pathname.endsWith('/')) root.pathname += '/';
	const url = new URL('api/v1/query', root);
	url.search = '';
	url.searchParams.set('query', query);
	return url;
}

type Outcome = ValueOutcome;

interface ApiAnswer {
	status?: unknown;
	errorType?: unknown;
	error?: unknown;
	data?: {resultType?: unknown; result?: unknown};
}

/** Sums an instant-query answer: a vector (summed across series) or a scalar. */
export function valueFromAnswer(answer: ApiAnswer, query: string): Outcome {
	const type = answer.data?.resultType;
	const result = answer.data?.result;
	if (type === 'scalar') {
		return Array.isArray(result) ? parseSampleValue(result[1], query) : {ok: false, error: `malformed scalar for ${query}`};
	}
	if (type !== 'vector' || !Array.isArray(result)) {
		return {ok: false, error: `unexpected result type ${String(type)} for ${query}`};
	}
	if (result.length === 0) return {ok: false, error: `no series for ${query}`};
	let sum = 0;
	for (const series of result as Array<{value?: unknown}>) {
		const pair = series?.value;
		const outcome = Array.isArray(pair) ? parseSampleValue(pair[1], query) : {ok: false as const, error: `malformed series for ${query}`};
		if (!outcome.ok) return outcome;
		sum += outcome.value;
	}
	return {ok: true, value: sum};
}

function parseAnswer(text: string): ApiAnswer | null {
	try {
		const parsed: unknown = JSON.parse(text);
		return typeof parsed === 'object' && parsed !== null ? (parsed as ApiAnswer) : null;
	} catch {
		return null;
	}
}

/** Runs one instant query; never throws. */
export async function instantQuery(options: PrometheusSourceOptions, query: string): Promise<Outcome> {
	try {
		const url = queryUrl(options.url, query);
		const response = await fetchText(url, {
			timeoutMs: options.timeoutMs,
			maxBytes: options.maxBytes,
			signal: options.signal,
			dispatcher: options.dispatcher,
			accept: 'application/json',
		});
		const answer = parseAnswer(response.text);
		// Prometheus answers a bad query with 400 and a JSON error: its words beat the status.
		if (answer?.status === 'error') {
			const kind = typeof answer.errorType === 'string' ? answer.errorType : 'error';
			const why = typeof answer.error === 'string' ? answer.error : 'no details';
			return {ok: false, error: sanitizeLine(`query error (${kind}): ${why}`)};
		}
		if (response.status < 200 || response.status > 299) {
			return {ok: false, error: sanitizeLine(`HTTP ${response.status} from the Prometheus query API`)};
		}
		if (answer === null) return {ok: false, error: 'the Prometheus query API did not answer with JSON'};
		if (answer.status !== 'success') return {ok: false, error: 'the Prometheus query API answered without a status'};
		const outcome = valueFromAnswer(answer, query);
		return outcome.ok ? outcome : {ok: false, error: sanitizeLine(outcome.error)};
	} catch (error) {
		const message = error instanceof FetchError ? error.message : sanitizeLine(String(error));
		return {ok: false, error: message};
	}
}

/**
 * Both figures from Prometheus, queried in parallel. Counts are rounded: increase()
 * extrapolates to the window's edges, so it rarely lands on a whole number.
 */
export async function fetchPrometheusFigures(options: PrometheusSourceOptions): Promise<MetricsReading> {
	const now = options.now ?? Date.now;
	const outcomes = await Promise.all(
		FIGURE_KEYS.map(key => instantQuery(options, options.queries?.[key] ?? DEFAULT_PROMQL[key])),
	);
	const at = now();
	const detail = {} as Record<FigureKey, FigureReading>;
	FIGURE_KEYS.forEach((key, index) => {
		const outcome = outcomes[index]!;
		detail[key] = outcome.ok
			? knownFigure('prometheus', Math.round(outcome.value), at)
			: unknownFigure('prometheus', {error: `prometheus: ${outcome.error}`}, at);
	});
	return makeReading(detail);
}
