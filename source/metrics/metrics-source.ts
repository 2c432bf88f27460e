// Which source answers for the figures, from the configuration. With both configured,
// Prometheus wins for every figure it can give (it covers all replicas and knows 24 h), and
// the direct scrape fills what Prometheus could not — say, while it has not scraped yet.

import type {Dispatcher} from 'undici';
import type {MetricNames} from './exposition.js';
import {fetchPrometheusFigures} from './prometheus-source.js';
import {FIGURE_KEYS, makeReading, notConfiguredReading, type FigureKey, type FigureReading, type MetricsReading} from './reading.js';
import {fetchScrapeFigures} from './scrape-source.js';

export interface MetricsSourceConfig {
	/** Base URL of a Prometheus-compatible query API (--prometheus-url). */
	readonly prometheusUrl?: string | null;
	/** The Authority's own metrics endpoint (--metrics-url). */
	readonly metricsUrl?: string | null;
	/** PromQL overrides per figure. */
	readonly queries?: Partial<Record<FigureKey, string>>;
	/** Metric-name overrides for the direct scrape. */
	readonly names?: Partial<MetricNames>;
	/** Deadline of one fetch, ms. */
	readonly timeoutMs?: number;
	readonly maxBytes?: number;
	readonly dispatcher?: Dispatcher;
}

/** One fetch of every figure; resolves (never rejects) with a reading. */
export type MetricsFetch = (signal?: AbortSignal) => Promise<MetricsReading>;

export type MetricsSourceKind = 'prometheus' | 'scrape' | 'both' | 'none';

export function metricsSourceKind(config: MetricsSourceConfig): MetricsSourceKind {
	const prometheus = Boolean(config.prometheusUrl);
	const scrape = Boolean(config.metricsUrl);
	if (prometheus && scrape) return 'both';
	if (prometheus) return 'prometheus';
	return scrape ? 'scrape' : 'none';
}

function preferFirstKnown(primary: FigureReading, fallback: FigureReading): FigureReading {
	if (primary.value !== null) return primary;
	if (fallback.value !== null) return fallback;
	// Both unknown: Prometheus' reason leads, the scrape's since-start count still helps.
	const extra = fallback.error ?? (fallback.note === null ? null : `${fallback.source}: ${fallback.note}`);
	return {
		...primary,
		error: primary.error === null ? null : extra ? `${primary.error}; ${extra}` : primary.error,
		note: primary.error === null ? primary.note : null,
		totalSinceStart: primary.totalSinceStart ?? fallback.totalSinceStart,
	};
}

/** Merges two readings of the same moment, figure by figure. */
export function mergeReadings(primary: MetricsReading, fallback: MetricsReading): MetricsReading {
	const detail = {} as Record<FigureKey, FigureReading>;
	for (const key of FIGURE_KEYS) detail[key] = preferFirstKnown(primary.detail[key], fallback.detail[key]);
	return makeReading(detail);
}

/**
 * The fetch for this configuration, or null when no source is configured (then the figures
 * are `notConfiguredReading()`: unknown with the reason, not an error).
 */
export function createMetricsFetch(config: MetricsSourceConfig, now: () => number = Date.now): MetricsFetch | null {
	const common = {timeoutMs: config.timeoutMs, maxBytes: config.maxBytes, dispatcher: config.dispatcher, now};
	const prometheus = config.prometheusUrl
		? (signal?: AbortSignal) =>
				fetchPrometheusFigures({...common, url: config.prometheusUrl!, queries: config.queries, signal})
		: null;
	const scrape = config.metricsUrl
		? (signal?: AbortSignal) => fetchScrapeFigures({...common, url: config.metricsUrl!, names: config.names, signal})
		: null;
	if (prometheus && scrape) {
		return async signal => {
			const [fromPrometheus, fromScrape] = await Promise.all([prometheus(signal), scrape(signal)]);
			return mergeReadings(fromPrometheus, fromScrape);
		};
	}
	return prometheus ?? scrape;
}

/** One-shot convenience (the --once report): the reading, or the not-configured one. */
export async function fetchMetricsOnce(config: MetricsSourceConfig, now: () => number = Date.now): Promise<MetricsReading> {
	const fetch = createMetricsFetch(config, now);
	return fetch ? fetch() : notConfiguredReading();
}
