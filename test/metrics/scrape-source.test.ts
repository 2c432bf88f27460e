import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {describeFigure} from '../../source/metrics/reading.js';
import {fetchScrapeFigures} from '../../source/metrics/scrape-source.js';
import {freeLoopbackPort} from '../support/prometheus.js';
import {answer, startRawServer, type RawServer} from './raw-server.js';

const fixture = readFileSync(new URL('./fixtures/authority-metrics.txt', import.meta.url), 'utf8');
const TEXT = 'text/plain; version=0.0.4; charset=utf-8';
const NOW = 1_718_000_000_000;
const now = () => NOW;

let server: RawServer | null = null;
afterEach(async () => {
	await server?.close();
	server = null;
});

describe('fetchScrapeFigures against a raw http server', () => {
	it('reads the captured exposition and asks for the text format', async () => {
		server = await startRawServer(answer(200, TEXT, fixture));
		const reading = await fetchScrapeFigures({url: `${server.url}/metrics`, now});
		expect(reading.figures).toEqual({tokensIssuedLast24h: 1180, activeSessions: 37});
		expect(reading.detail.activeSessions).toMatchObject({source: 'scrape', fetchedAt: NOW, error: null});
		expect(reading.detail.tokensIssuedLast24h.totalSinceStart).toBe(1204);
		expect(server.requests[0]?.url).toBe('/metrics');
		expect(server.requests[0]?.headers.accept).toContain('text/plain;version=0.0.4');
	});

	it('uses overridden metric names', async () => {
		const text = 'my_tokens_window 12\nmy_sessions{a="x"} 2\nmy_sessions{a="y"} 3\n';
		server = await startRawServer(answer(200, TEXT, text));
		const reading = await fetchScrapeFigures({
			url: `${server.url}/metrics`,
			names: {tokensWindowGauge: 'my_tokens_window', sessionsGauge: 'my_sessions'},
			now,
		});
		expect(reading.figures).toEqual({tokensIssuedLast24h: 12, activeSessions: 5});
	});

	it('with only a counter, says what is known instead of a 24 h figure', async () => {
		const text = [
			'# TYPE stellaops_authority_tokens_issued_total counter',
			'stellaops_authority_tokens_issued_total 1204',
			'# TYPE stellaops_authority_active_sessions gauge',
			'stellaops_authority_active_sessions 3',
		].join('\n');
		server = await startRawServer(answer(200, TEXT, text));
		const reading = await fetchScrapeFigures({url: `${server.url}/metrics`, now});
		expect(reading.figures).toEqual({tokensIssuedLast24h: null, activeSessions: 3});
		expect(describeFigure(reading.detail.tokensIssuedLast24h, NOW, 90_000)).toBe(
			'unknown — needs Prometheus; 1,204 since Authority start',
		);
	});

	it('reports an HTTP error status', async () => {
		server = await startRawServer(answer(503, 'text/plain', 'maintenance'));
		const reading = await fetchScrapeFigures({url: `${server.url}/metrics`, now});
		expect(reading.figures).toEqual({tokensIssuedLast24h: null, activeSessions: null});
		expect(reading.detail.tokensIssuedLast24h.error).toBe('scrape: HTTP 503 from the metrics endpoint');
		expect(reading.detail.activeSessions.error).toBe('scrape: HTTP 503 from the metrics endpoint');
	});

	it('names an HTML page instead of reading nonsense series from it', async () => {
		server = await startRawServer(answer(200, 'text/html; charset=utf-8', '<html><body>Sign in</body></html>'));
		const reading = await fetchScrapeFigures({url: `${server.url}/metrics`, now});
		expect(reading.detail.activeSessions.error).toBe(
			'scrape: the metrics URL answered with an HTML page, not Prometheus metrics',
		);
	});

	it('reports a refused connection with the URL', async () => {
		const port = await freeLoopbackPort();
		const reading = await fetchScrapeFigures({url: `http://127.0.0.1:${port}/metrics`, now});
		expect(reading.detail.activeSessions.error).toBe(`scrape: connection refused (http://127.0.0.1:${port}/metrics)`);
		expect(reading.detail.activeSessions.fetchedAt).toBe(NOW);
	});

	it('gives up at its deadline when the server never answers', async () => {
		server = await startRawServer(() => {
			// Never answers.
		});
		const started = Date.now();
		const reading = await fetchScrapeFigures({url: `${server.url}/metrics`, timeoutMs: 300, now});
		expect(Date.now() - started).toBeLessThan(300 + 1000);
		expect(reading.detail.activeSessions.error).toBe(`scrape: no answer from ${server.url}/metrics within 300 ms`);
	});

	it('stops reading a body past the cap', async () => {
		const huge = '# padding\n'.repeat(50_000) + fixture;
		server = await startRawServer(answer(200, TEXT, huge));
		const reading = await fetchScrapeFigures({url: `${server.url}/metrics`, maxBytes: 100_000, now});
		expect(reading.figures).toEqual({tokensIssuedLast24h: null, activeSessions: null});
		expect(reading.detail.activeSessions.error).toBe(`scrape: answer from ${server.url}/metrics is larger than 100000 bytes`);
	});

	it('is cancelled by the caller\'s signal', async () => {
		server = await startRawServer(() => {
			// Never answers.
		});
		const controller = new AbortController();
		const pending = fetchScrapeFigures({url: `${server.url}/metrics`, signal: controller.signal, now});
		setTimeout(() => controller.abort(), 50);
		const reading = await pending;
		expect(reading.detail.activeSessions.error).toBe(`scrape: fetch from ${server.url}/metrics cancelled`);
	});

	it('sends URL credentials as a Basic header and never shows them', async () => {
		server = await startRawServer(answer(401, 'text/plain', 'nope'));
		const base = new URL(server.url);
		const reading = await fetchScrapeFigures({url: `http://scraper:s3cr%21t@${base.host}/metrics`, now});
		expect(server.requests[0]?.headers.authorization).toBe('Basic ' + Buffer.from('scraper:s3cr!t').toString('base64'));
		expect(reading.detail.activeSessions.error).toBe('scrape: HTTP 401 from the metrics endpoint');

		const port = await freeLoopbackPort();
		const refused = await fetchScrapeFigures({url: `http://scraper:s3cr%21t@127.0.0.1:${port}/metrics`, now});
		expect(refused.detail.activeSessions.error).toBe(`scrape: connection refused (http://127.0.0.1:${port}/metrics)`);
		expect(JSON.stringify(refused)).not.toContain('s3cr');
	});
});
