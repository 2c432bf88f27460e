// Both metrics sources against the real demo Authority: its own /metrics read directly, and
// a real Prometheus scraping it. Tokens are issued for real through client credentials.

import {request} from 'undici';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startDemoAuthority, type DemoAuthority} from '../../source/demo/authority.js';
import {createMetricsFetch} from '../../source/metrics/metrics-source.js';
import {fetchPrometheusFigures} from '../../source/metrics/prometheus-source.js';
import {fetchScrapeFigures} from '../../source/metrics/scrape-source.js';
import {startTestPrometheus, type TestPrometheus} from '../support/prometheus.js';

const COUNTER = 'stellaops_authority_tokens_issued_total';
// See prometheus-real.test.ts: enough samples keep increase()'s extrapolation under half a token.
const SCRAPE = '250ms';
const ENOUGH_SAMPLES = 10;

let authority: DemoAuthority;
let prometheus: TestPrometheus;

async function issueTokens(count: number): Promise<void> {
	const credentials = Buffer.from(`${authority.clientId}:${authority.clientSecret}`).toString('base64');
	for (let i = 0; i < count; i++) {
		const response = await request(authority.tokenEndpoint, {
			method: 'POST',
			headers: {'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${credentials}`},
			body: 'grant_type=client_credentials',
		});
		const body = (await response.body.json()) as {access_token?: unknown};
		expect(response.statusCode).toBe(200);
		expect(typeof body.access_token).toBe('string');
	}
}

beforeAll(async () => {
	authority = await startDemoAuthority();
	prometheus = await startTestPrometheus({targets: [authority.metricsUrl], scrapeInterval: SCRAPE});
});

afterAll(async () => {
	await prometheus?.stop();
	await authority?.close();
});

describe('metrics sources against the demo Authority', () => {
	it('the direct scrape reads zeros before any token, from the real window gauge', async () => {
		const reading = await fetchScrapeFigures({url: authority.metricsUrl});
		expect(reading.figures).toEqual({tokensIssuedLast24h: 0, activeSessions: 0});
		expect(reading.detail.tokensIssuedLast24h).toMatchObject({source: 'scrape', error: null, note: null, totalSinceStart: 0});
	});

	it('Prometheus and the direct scrape both report the tokens the Authority issued', async () => {
		// Tokens go out only once Prometheus has seen the counter at zero.
		await prometheus.waitForValue(`count_over_time(${COUNTER}[1h])`, n => n >= 2);
		await issueTokens(3);
		await prometheus.waitForValue(COUNTER, v => v === 3);
		await prometheus.waitForValue(`count_over_time(${COUNTER}[1h])`, n => n >= ENOUGH_SAMPLES);

		const fromPrometheus = await fetchPrometheusFigures({url: prometheus.url, timeoutMs: 2000});
		const fromScrape = await fetchScrapeFigures({url: authority.metricsUrl});
		expect(fromScrape.figures).toEqual({tokensIssuedLast24h: 3, activeSessions: 3});
		expect(fromScrape.detail.tokensIssuedLast24h.totalSinceStart).toBe(3);
		expect(fromPrometheus.figures).toEqual(fromScrape.figures);
		expect(fromPrometheus.detail.activeSessions.source).toBe('prometheus');
	});

	it('the figures grow as tokens are issued', async () => {
		await issueTokens(2);
		const fetch = createMetricsFetch({metricsUrl: authority.metricsUrl});
		const reading = await fetch!();
		expect(reading.figures).toEqual({tokensIssuedLast24h: 5, activeSessions: 5});
		expect(reading.detail.tokensIssuedLast24h.totalSinceStart).toBe(5);
	});

	it('with both sources configured, Prometheus answers for what it knows', async () => {
		await prometheus.waitForValue(COUNTER, v => v === 5);
		const fetch = createMetricsFetch({
			prometheusUrl: prometheus.url,
			metricsUrl: authority.metricsUrl,
			queries: {activeSessions: 'sum(stellaops_authority_no_such_metric)'},
		});
		const reading = await fetch!();
		expect(reading.detail.tokensIssuedLast24h.source).toBe('prometheus');
		// The sessions query matches nothing, so the Authority's own gauge fills in.
		expect(reading.detail.activeSessions).toMatchObject({source: 'scrape', value: 5, error: null});
	});
});
