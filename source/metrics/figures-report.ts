// The bridge from the validated configuration to the one-shot report: fetch the figures
// once, alongside the probe, and hand back the numbers for the check, the `metrics` JSON
// object and one provenance line per figure for the text report.

import type {Dispatcher} from 'undici';
import type {MetricsConfig} from '../config.js';
import type {ServiceFigures} from '../../checks/types.js';
import {buildMetricsJson, EVIDENCE_KEY_OF, type MetricsJson} from './metrics-json.js';
import {fetchMetricsOnce, type MetricsSourceConfig} from './metrics-source.js';
import {describeFigure, FIGURE_KEYS, staleAfterMs, type MetricsReading} from './reading.js';

export interface MetricsFiguresReport {
	readonly figures: ServiceFigures;
	readonly json: MetricsJson;
	readonly lines: readonly string[];
}

export function toMetricsSourceConfig(metrics: MetricsConfig, dispatcher?: Dispatcher): MetricsSourceConfig {
	return {
		prometheusUrl: metrics.prometheusUrl,
		metricsUrl: metrics.metricsUrl,
		queries: {tokensIssuedLast24h: metrics.tokensQuery, activeSessions: metrics.sessionsQuery},
		names: {
			tokensCounter: metrics.tokensCounter,
			tokensWindowGauge: metrics.tokensWindowGauge,
			sessionsGauge: metrics.sessionsGauge,
		},
		timeoutMs: metrics.timeoutMs,
		...(dispatcher ? {dispatcher} : {}),
	};
}

/** Pure: a reading as the report shows it ("TokensIssuedLast24h: 1,204 (scrape, just now)"). */
export function reportFromReading(reading: MetricsReading, now: number, staleAfter: number): MetricsFiguresReport {
	return {
		figures: reading.figures,
		json: buildMetricsJson(reading, now, staleAfter),
		lines: FIGURE_KEYS.map(key => `${EVIDENCE_KEY_OF[key]}: ${describeFigure(reading.detail[key], now, staleAfter)}`),
	};
}

/** Fetches once (never rejects) and builds the report parts. */
export async function fetchFiguresReport(
	metrics: MetricsConfig,
	options: {readonly now?: () => number; readonly dispatcher?: Dispatcher} = {},
): Promise<MetricsFiguresReport> {
	const now = options.now ?? Date.now;
	const reading = await fetchMetricsOnce(toMetricsSourceConfig(metrics, options.dispatcher), now);
	return reportFromReading(reading, now(), staleAfterMs(metrics.intervalMs));
}
