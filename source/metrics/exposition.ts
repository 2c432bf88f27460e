// Reads the wanted series out of a Prometheus text exposition (what an Authority serves on
// /metrics). The parsing itself is the maintained parser's; here we only pick families by
// name, sum their label sets, and refuse what is not a plain number.

import parsePrometheusTextFormat, {type ParsedFamily} from 'parse-prometheus-text-format';
import {sanitizeLine} from '../text/sanitize.js';
import {parseSampleValue, type ValueOutcome} from './sample-value.js';

export interface MetricNames {
	/** Counter of tokens issued since the Authority started. */
	readonly tokensCounter: string;
	/** Gauge of tokens issued in the last 24 h, when the Authority keeps its own window. */
	readonly tokensWindowGauge: string;
	/** Gauge of active sessions (unexpired access tokens). */
	readonly sessionsGauge: string;
}

export const DEFAULT_METRIC_NAMES: MetricNames = Object.freeze({
	tokensCounter: 'stellaops_authority_tokens_issued_total',
	tokensWindowGauge: 'stellaops_authority_tokens_issued_last_24h',
	sessionsGauge: 'stellaops_authority_active_sessions',
});

/** A series' summed value, absent (not exposed at all), or unusable with the reason. */
export type SeriesValue = ValueOutcome | {readonly ok: false; readonly absent: true; readonly error: string};

export interface ExpositionValues {
	readonly tokensCounter: SeriesValue;
	readonly tokensWindowGauge: SeriesValue;
	readonly sessionsGauge: SeriesValue;
}

/** Parses the text or throws an Error whose message is one safe line. */
export function parseExposition(text: string): ParsedFamily[] {
	try {
		// The parser drops the last sample when the text does not end with a newline.
		return parsePrometheusTextFormat(text.endsWith('\n') ? text : text + '\n');
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		throw new Error(sanitizeLine(`unreadable metrics exposition: ${message}`, 200));
	}
}

/** Sum of one metric over all its label sets; families may repeat when samples are split up. */
export function sumSeries(families: readonly ParsedFamily[], name: string): SeriesValue {
	const matching = families.filter(family => family.name === name);
	if (matching.length === 0) return {ok: false, absent: true, error: `${name} is not exposed`};
	let sum = 0;
	let seen = 0;
	for (const family of matching) {
		if (family.type === 'HISTOGRAM' || family.type === 'SUMMARY') {
			return {ok: false, error: `${name} is a ${family.type.toLowerCase()}, not a counter or gauge`};
		}
		for (const sample of family.metrics) {
			if (sample.value === undefined) continue;
			const outcome = parseSampleValue(sample.value, name);
			if (!outcome.ok) return outcome;
			sum += outcome.value;
			seen += 1;
		}
	}
	if (seen === 0) return {ok: false, absent: true, error: `${name} has no samples`};
	return {ok: true, value: sum};
}

/** The three wanted series from an exposition text. Throws on unparsable text. */
export function readExposition(text: string, names: MetricNames = DEFAULT_METRIC_NAMES): ExpositionValues {
	const families = parseExposition(text);
	return {
		tokensCounter: sumSeries(families, names.tokensCounter),
		tokensWindowGauge: sumSeries(families, names.tokensWindowGauge),
		sessionsGauge: sumSeries(families, names.sessionsGauge),
	};
}
