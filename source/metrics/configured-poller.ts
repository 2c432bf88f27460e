// The one call the app needs: a metrics poller for whatever the configuration names. With
// no source configured it still answers — both figures unknown with the reason — so callers
// never special-case "metrics off".

import {DEFAULT_METRICS_TIMEOUT_MS} from './fetch-text.js';
import {createMetricsPoller, DEFAULT_METRICS_INTERVAL_MS, type MetricsPoller, type PollerTimers} from './metrics-poller.js';
import {createMetricsFetch, metricsSourceKind, type MetricsSourceConfig} from './metrics-source.js';
import {notConfiguredReading, staleAfterMs, type MetricsReading} from './reading.js';

export interface ConfiguredPollerOptions {
	readonly onReading: (reading: MetricsReading) => void;
	/** Default 30 s. */
	readonly intervalMs?: number;
	readonly now?: () => number;
	readonly timers?: PollerTimers;
}

// The poller's own deadline sits a little past the source's, so the source's more precise
// message ("no answer from … within 5000 ms") is the one the operator reads.
const POLLER_GRACE_MS = 1000;

export function createConfiguredPoller(config: MetricsSourceConfig, options: ConfiguredPollerOptions): MetricsPoller {
	const intervalMs = options.intervalMs ?? DEFAULT_METRICS_INTERVAL_MS;
	const now = options.now ?? Date.now;
	const fetch = createMetricsFetch(config, now);
	if (fetch === null) {
		const reading = notConfiguredReading();
		return {
			intervalMs,
			staleAfterMs: staleAfterMs(intervalMs),
			start() {},
			refreshNow: async () => {},
			stop() {},
			current: () => reading,
		};
	}
	return createMetricsPoller({
		fetch,
		source: metricsSourceKind(config) === 'scrape' ? 'scrape' : 'prometheus',
		onReading: options.onReading,
		intervalMs,
		timeoutMs: (config.timeoutMs ?? DEFAULT_METRICS_TIMEOUT_MS) + POLLER_GRACE_MS,
		now,
		...(options.timers ? {timers: options.timers} : {}),
	});
}
