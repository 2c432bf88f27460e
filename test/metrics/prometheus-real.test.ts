// The Prometheus source against a real Prometheus (Debian package) scraping a real
// prom-client exporter on loopback.

import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createMetricsPoller} from '../../source/metrics/metrics-poller.js';
import {createMetricsFetch} from '../../source/metrics/metrics-source.js';
import {fetchPrometheusFigures} from '../../source/metrics/prometheus-source.js';
import {describeFigure, isStale} from '../../source/metrics/reading.js';
import {startTestPrometheus, type TestPrometheus} from '../support/prometheus.js';
import {startExporter, type TestExporter} from './exporter.js';

const COUNTER = 'stellaops_authority_tokens_issued_total';
// Fast scrapes keep the test short (Prometheus itself waits ~5 s before its first scrape).
// increase() extrapolates up to 1.1 scrape intervals past the last sample: with 3 tokens over
// 9 intervals the error is at most 3 × 1.1 / 9 ≈ 0.37 of a token, so rounding lands on 3.
const SCRAPE = '250ms';
const ENOUGH_SAMPLES = 10;

let exporter: TestExporter;
let prometheus: TestPrometheus;

beforeAll(async () => {
	exporter = await startExporter();
	exporter.sessions.set({client: 'doctor'}, 5);
	exporter.sessions.set({client: 'ui'}, 2);
	prometheus = await startTestPrometheus({targets: [exporter.metricsUrl], scrapeInterval: SCRAPE});
});

afterAll(async () => {
	await prometheus?.stop();
	await exporter?.close();
});

describe('Prometheus source against a real Prometheus', () => {
	it('reports the figures the exporter reports', async () => {
		// Issue tokens only after Prometheus has seen the counter at zero, as with a real
		// Authority that Prometheus has been watching since it started.
		await prometheus.waitForValue(`count_over_time(${COUNTER}[1h])`, n => n >= 2);
		exporter.tokens.inc(3);
		await prometheus.waitForValue(COUNTER, v => v === 3);
		await prometheus.waitForValue(`count_over_time(${COUNTER}[1h])`, n => n >= ENOUGH_SAMPLES);

		const reading = await fetchPrometheusFigures({url: prometheus.url, timeoutMs: 2000});
		expect(reading.figures).toEqual({tokensIssuedLast24h: 3, activeSessions: 7});
		expect(reading.detail.tokensIssuedLast24h.source).toBe('prometheus');
		expect(reading.detail.activeSessions.error).toBeNull();
	});

	it('says "no series" for a query that matches nothing', async () => {
		const query = 'sum(stellaops_authority_no_such_metric)';
		const reading = await fetchPrometheusFigures({url: prometheus.url, queries: {activeSessions: query}});
		expect(reading.figures.activeSessions).toBeNull();
		expect(describeFigure(reading.detail.activeSessions, Date.now(), 90_000)).toBe(`unknown — prometheus: no series for ${query}`);
		expect(reading.figures.tokensIssuedLast24h).toBe(3);
	});

	it('passes on the error of a bad PromQL expression', async () => {
		const reading = await fetchPrometheusFigures({url: prometheus.url, queries: {tokensIssuedLast24h: 'sum(rate(x[5m]'}});
		expect(reading.figures.tokensIssuedLast24h).toBeNull();
		expect(reading.detail.tokensIssuedLast24h.error).toMatch(/^prometheus: query error \(bad_data\): .*parse error/);
		expect(reading.figures.activeSessions).toBe(7);
	});

	// Last: it stops Prometheus.
	it('keeps the last good figures, marked stale, when Prometheus goes down', async () => {
		const fetch = createMetricsFetch({prometheusUrl: prometheus.url, timeoutMs: 2000});
		expect(fetch).not.toBeNull();
		const readings: unknown[] = [];
		const poller = createMetricsPoller({fetch: fetch!, source: 'prometheus', onReading: r => readings.push(r)});
		try {
			await poller.refreshNow();
			expect(poller.current().figures).toEqual({tokensIssuedLast24h: 3, activeSessions: 7});

			await prometheus.stop();
			await poller.refreshNow();
			const after = poller.current();
			expect(after.figures).toEqual({tokensIssuedLast24h: 3, activeSessions: 7});
			const sessions = after.detail.activeSessions;
			expect(sessions.error).toMatch(/^prometheus: connection refused \(http:\/\/127\.0\.0\.1:\d+\/api\/v1\/query/);
			expect(isStale(sessions, Date.now(), poller.staleAfterMs)).toBe(true);
			expect(describeFigure(sessions, Date.now(), poller.staleAfterMs)).toMatch(
				/^7 \(prometheus, stale, (just now|\d+ s ago); last fetch: prometheus: connection refused/,
			);
			expect(readings).toHaveLength(2);
		} finally {
			poller.stop();
		}
	});
});
