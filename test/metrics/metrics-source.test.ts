import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {
	createMetricsFetch,
	fetchMetricsOnce,
	mergeReadings,
	metricsSourceKind,
} from '../../source/metrics/metrics-source.js';
import {createConfiguredPoller} from '../../source/metrics/configured-poller.js';
import {knownFigure, makeReading, unknownFigure, type MetricsReading} from '../../source/metrics/reading.js';
import {answer, startRawServer, type RawServer} from './raw-server.js';

const fixture = readFileSync(new URL('./fixtures/authority-metrics.txt', import.meta.url), 'utf8');
const NOW = 1_718_000_000_000;

const servers: RawServer[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => server.close()));
});

describe('metricsSourceKind / createMetricsFetch', () => {
	it('knows which sources are configured', () => {
		expect(metricsSourceKind({})).toBe('none');
		expect(metricsSourceKind({prometheusUrl: 'http://p', metricsUrl: ''})).toBe('prometheus');
		expect(metricsSourceKind({metricsUrl: 'http://a/metrics'})).toBe('scrape');
		expect(metricsSourceKind({prometheusUrl: 'http://p', metricsUrl: 'http://a/metrics'})).toBe('both');
		expect(createMetricsFetch({prometheusUrl: null, metricsUrl: null})).toBeNull();
	});

	it('with nothing configured, the one-shot reading is unknown with the reason', async () => {
		const reading = await fetchMetricsOnce({});
		expect(reading.figures).toEqual({tokensIssuedLast24h: null, activeSessions: null});
		expect(reading.detail.activeSessions.note).toBe('no metrics source configured (--prometheus-url or --metrics-url)');
		expect(reading.detail.activeSessions.error).toBeNull();
	});

	it('with both configured, Prometheus wins per figure and the scrape fills the gaps', async () => {
		const prometheus = await startRawServer((request, response) => {
			const query = new URL(request.url ?? '/', 'http://x').searchParams.get('query') ?? '';
			response.writeHead(200, {'content-type': 'application/json'});
			const result = query.includes('active_sessions') ? [{metric: {}, value: [NOW / 1000, '41']}] : [];
			response.end(JSON.stringify({status: 'success', data: {resultType: 'vector', result}}));
		});
		const authority = await startRawServer(answer(200, 'text/plain; version=0.0.4', fixture));
		servers.push(prometheus, authority);
		const fetch = createMetricsFetch({prometheusUrl: prometheus.url, metricsUrl: `${authority.url}/metrics`}, () => NOW);
		const reading = await fetch!();
		expect(reading.figures).toEqual({tokensIssuedLast24h: 1180, activeSessions: 41});
		expect(reading.detail.activeSessions.source).toBe('prometheus');
		expect(reading.detail.tokensIssuedLast24h).toMatchObject({source: 'scrape', totalSinceStart: 1204});
	});
});

describe('mergeReadings', () => {
	it('when both are unknown, keeps Prometheus\' reason and adds the scrape\'s', () => {
		const primary = makeReading({
			tokensIssuedLast24h: unknownFigure('prometheus', {error: 'prometheus: no series for q'}, NOW),
			activeSessions: knownFigure('prometheus', 3, NOW),
		});
		const fallback = makeReading({
			tokensIssuedLast24h: unknownFigure('scrape', {note: 'needs Prometheus'}, NOW, 1204),
			activeSessions: knownFigure('scrape', 4, NOW),
		});
		const merged = mergeReadings(primary, fallback);
		expect(merged.figures).toEqual({tokensIssuedLast24h: null, activeSessions: 3});
		expect(merged.detail.tokensIssuedLast24h).toEqual({
			value: null,
			source: 'prometheus',
			fetchedAt: NOW,
			error: 'prometheus: no series for q; scrape: needs Prometheus',
			note: null,
			totalSinceStart: 1204,
		});
	});
});

describe('createConfiguredPoller', () => {
	it('without a source, answers not-configured and never fetches or reports', async () => {
		const reports: unknown[] = [];
		const poller = createConfiguredPoller({}, {onReading: r => reports.push(r)});
		poller.start();
		await poller.refreshNow();
		poller.stop();
		expect(reports).toEqual([]);
		expect(poller.current().detail.tokensIssuedLast24h.note).toBe(
			'no metrics source configured (--prometheus-url or --metrics-url)',
		);
	});

	it('with a scrape URL, polls it and reports the figures as scrape', async () => {
		const authority = await startRawServer(answer(200, 'text/plain; version=0.0.4', fixture));
		servers.push(authority);
		const reports: MetricsReading[] = [];
		const poller = createConfiguredPoller({metricsUrl: `${authority.url}/metrics`}, {onReading: r => reports.push(r)});
		expect(poller.current().detail.activeSessions).toMatchObject({source: 'scrape', note: 'waiting for the first metrics fetch'});
		await poller.refreshNow();
		poller.stop();
		expect(reports).toHaveLength(1);
		expect(reports[0]!.figures).toEqual({tokensIssuedLast24h: 1180, activeSessions: 37});
	});
});
