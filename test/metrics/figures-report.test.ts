import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import type {MetricsConfig} from '../../source/config.js';
import {fetchFiguresReport, toMetricsSourceConfig} from '../../source/metrics/figures-report.js';
import {answer, startRawServer, type RawServer} from './raw-server.js';

const fixture = readFileSync(new URL('./fixtures/authority-metrics.txt', import.meta.url), 'utf8');

const BASE: MetricsConfig = {
	prometheusUrl: null,
	metricsUrl: null,
	intervalMs: 30_000,
	timeoutMs: 2000,
	tokensQuery: 'sum(increase(stellaops_authority_tokens_issued_total[24h]))',
	sessionsQuery: 'sum(stellaops_authority_active_sessions)',
	tokensCounter: 'stellaops_authority_tokens_issued_total',
	tokensWindowGauge: 'stellaops_authority_tokens_issued_last_24h',
	sessionsGauge: 'stellaops_authority_active_sessions',
};

let server: RawServer | null = null;
afterEach(async () => {
	await server?.close();
	server = null;
});

describe('fetchFiguresReport', () => {
	it('without a source: unknown figures, the reason in the lines and the JSON', async () => {
		const report = await fetchFiguresReport(BASE);
		expect(report.figures).toEqual({tokensIssuedLast24h: null, activeSessions: null});
		expect(report.lines).toEqual([
			'TokensIssuedLast24h: unknown — no metrics source configured (--prometheus-url or --metrics-url)',
			'ActiveSessions: unknown — no metrics source configured (--prometheus-url or --metrics-url)',
		]);
		expect(report.json.ActiveSessions).toMatchObject({source: 'none', ageSeconds: null, error: null});
	});

	it('passes the configured metric names to the scrape', async () => {
		server = await startRawServer(answer(200, 'text/plain', fixture));
		const report = await fetchFiguresReport(
			{...BASE, metricsUrl: `${server.url}/metrics`, tokensWindowGauge: 'absent_window'},
			{now: () => 1_718_000_000_000},
		);
		expect(report.figures).toEqual({tokensIssuedLast24h: null, activeSessions: 37});
		expect(report.lines).toEqual([
			'TokensIssuedLast24h: unknown — needs Prometheus; 1,204 since Authority start',
			'ActiveSessions: 37 (scrape, just now)',
		]);
		expect(report.json.TokensIssuedLast24h).toEqual({
			source: 'scrape',
			ageSeconds: 0,
			stale: false,
			error: null,
			note: 'needs Prometheus',
			totalSinceStart: 1204,
		});
	});

	it('maps the PromQL overrides', () => {
		const source = toMetricsSourceConfig({...BASE, prometheusUrl: 'http://p:9090', sessionsQuery: 'sum(x)'});
		expect(source.queries).toEqual({tokensIssuedLast24h: BASE.tokensQuery, activeSessions: 'sum(x)'});
		expect(source.prometheusUrl).toBe('http://p:9090');
	});
});
