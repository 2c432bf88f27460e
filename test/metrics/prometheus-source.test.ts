import type {IncomingMessage, ServerResponse} from 'node:http';
import {afterEach, describe, expect, it} from 'vitest';
import {DEFAULT_PROMQL, fetchPrometheusFigures, queryUrl} from '../../source/metrics/prometheus-source.js';
import {freeLoopbackPort} from '../support/prometheus.js';
import {answer, startRawServer, type RawServer} from './raw-server.js';

const NOW = 1_718_000_000_000;
const now = () => NOW;
const JSON_TYPE = 'application/json';

let server: RawServer | null = null;
afterEach(async () => {
	await server?.close();
	server = null;
});

function vector(...values: string[]) {
	return JSON.stringify({
		status: 'success',
		data: {resultType: 'vector', result: values.map((v, i) => ({metric: {instance: `r${i}`}, value: [NOW / 1000, v]}))},
	});
}

/** A fake query API answering per PromQL expression. */
function byQuery(answers: Record<string, [number, string]>) {
	return (request: IncomingMessage, response: ServerResponse) => {
		const query = new URL(request.url ?? '/', 'http://x').searchParams.get('query') ?? '';
		const [status, body] = answers[query] ?? [404, 'unexpected query'];
		response.writeHead(status, {'content-type': JSON_TYPE});
		response.end(body);
	};
}

const TOKENS = DEFAULT_PROMQL.tokensIssuedLast24h;
const SESSIONS = DEFAULT_PROMQL.activeSessions;

describe('queryUrl', () => {
	it('keeps a path prefix and encodes the expression', () => {
		expect(queryUrl('http://h:9090', 'up').href).toBe('http://h:9090/api/v1/query?query=up');
		expect(queryUrl('https://h/prometheus', 'sum(x[5m])').href).toBe(
			'https://h/prometheus/api/v1/query?query=sum%28x%5B5m%5D%29',
		);
		expect(queryUrl('https://h/prometheus/', 'up').pathname).toBe('/prometheus/api/v1/query');
	});
});

describe('fetchPrometheusFigures against a raw http server', () => {
	it('runs the two default queries, sums the series and rounds the extrapolated increase', async () => {
		server = await startRawServer(byQuery({[TOKENS]: [200, vector('1000.4', '203.7')], [SESSIONS]: [200, vector('31', '6')]}));
		const reading = await fetchPrometheusFigures({url: server.url, now});
		expect(reading.figures).toEqual({tokensIssuedLast24h: 1204, activeSessions: 37});
		expect(reading.detail.tokensIssuedLast24h).toEqual({
			value: 1204,
			source: 'prometheus',
			fetchedAt: NOW,
			error: null,
			note: null,
			totalSinceStart: null,
		});
		const asked = server.requests.map(r => new URL(r.url ?? '/', 'http://x'));
		expect(asked.map(u => u.pathname)).toEqual(['/api/v1/query', '/api/v1/query']);
		expect(asked.map(u => u.searchParams.get('query')).sort()).toEqual([SESSIONS, TOKENS].sort());
	});

	it('sends overridden queries under a path prefix and accepts a scalar answer', async () => {
		const scalar = JSON.stringify({status: 'success', data: {resultType: 'scalar', result: [NOW / 1000, '42']}});
		server = await startRawServer(byQuery({'scalar(my_tokens)': [200, scalar], 'sum(my_sessions)': [200, vector('2')]}));
		const reading = await fetchPrometheusFigures({
			url: `${server.url}/prom`,
			queries: {tokensIssuedLast24h: 'scalar(my_tokens)', activeSessions: 'sum(my_sessions)'},
			now,
		});
		expect(reading.figures).toEqual({tokensIssuedLast24h: 42, activeSessions: 2});
		expect(server.requests.map(r => new URL(r.url ?? '/', 'http://x').pathname)).toEqual([
			'/prom/api/v1/query',
			'/prom/api/v1/query',
		]);
	});

	it('reports a query error with its type and text', async () => {
		const error = JSON.stringify({status: 'error', errorType: 'bad_data', error: 'parse error: unexpected end of input'});
		server = await startRawServer(byQuery({[TOKENS]: [400, error], [SESSIONS]: [200, vector('5')]}));
		const reading = await fetchPrometheusFigures({url: server.url, now});
		expect(reading.figures).toEqual({tokensIssuedLast24h: null, activeSessions: 5});
		expect(reading.detail.tokensIssuedLast24h).toMatchObject({
			source: 'prometheus',
			fetchedAt: NOW,
			error: 'prometheus: query error (bad_data): parse error: unexpected end of input',
			note: null,
		});
	});

	it('reports an empty result as no series, naming the query', async () => {
		server = await startRawServer(byQuery({[TOKENS]: [200, vector()], [SESSIONS]: [200, vector()]}));
		const reading = await fetchPrometheusFigures({url: server.url, now});
		expect(reading.detail.activeSessions.error).toBe(`prometheus: no series for ${SESSIONS}`);
		expect(reading.detail.tokensIssuedLast24h.error).toBe(`prometheus: no series for ${TOKENS}`);
	});

	it('refuses NaN, infinite and non-numeric values', async () => {
		server = await startRawServer(byQuery({[TOKENS]: [200, vector('NaN')], [SESSIONS]: [200, vector('3', '+Inf')]}));
		let reading = await fetchPrometheusFigures({url: server.url, now});
		expect(reading.detail.tokensIssuedLast24h.error).toBe(`prometheus: value is NaN for ${TOKENS}`);
		expect(reading.detail.activeSessions.error).toBe(`prometheus: value is infinite for ${SESSIONS}`);
		await server.close();

		server = await startRawServer(byQuery({[TOKENS]: [200, vector('0x10')], [SESSIONS]: [200, vector('')]}));
		reading = await fetchPrometheusFigures({url: server.url, now});
		expect(reading.detail.tokensIssuedLast24h.error).toBe(`prometheus: non-numeric value "0x10" for ${TOKENS}`);
		expect(reading.detail.activeSessions.error).toBe(`prometheus: non-numeric value "" for ${SESSIONS}`);
	});

	it('reports an HTTP error without a Prometheus error body', async () => {
		server = await startRawServer(answer(502, 'text/html', '<h1>Bad Gateway</h1>'));
		const reading = await fetchPrometheusFigures({url: server.url, now});
		expect(reading.detail.activeSessions.error).toBe('prometheus: HTTP 502 from the Prometheus query API');
	});

	it('reports a 200 that is not JSON', async () => {
		server = await startRawServer(answer(200, 'text/html', '<html>login</html>'));
		const reading = await fetchPrometheusFigures({url: server.url, now});
		expect(reading.detail.activeSessions.error).toBe('prometheus: the Prometheus query API did not answer with JSON');
	});

	it('reports Prometheus down as a refused connection', async () => {
		const port = await freeLoopbackPort();
		const reading = await fetchPrometheusFigures({url: `http://127.0.0.1:${port}`, now});
		expect(reading.figures).toEqual({tokensIssuedLast24h: null, activeSessions: null});
		expect(reading.detail.tokensIssuedLast24h.error).toMatch(
			new RegExp(`^prometheus: connection refused \\(http://127\\.0\\.0\\.1:${port}/api/v1/query\\?query=`),
		);
	});

	it('gives up at its deadline', async () => {
		server = await startRawServer(() => {
			// Never answers.
		});
		const started = Date.now();
		const reading = await fetchPrometheusFigures({url: server.url, timeoutMs: 250, now});
		expect(Date.now() - started).toBeLessThan(250 + 1000);
		expect(reading.detail.activeSessions.error).toMatch(/^prometheus: no answer from .* within 250 ms$/);
	});

	it('sanitizes a hostile error text to one plain line', async () => {
		const error = JSON.stringify({
			status: 'error',
			errorType: 'bad\u001b[2Jdata',
			error: 'evil\u001b]52;c;ZXZpbA==\u0007\nsecond line\u202e',
		});
		server = await startRawServer(answer(422, JSON_TYPE, error));
		const reading = await fetchPrometheusFigures({url: server.url, now});
		expect(reading.detail.activeSessions.error).toBe('prometheus: query error (baddata): evil second line');
	});

	it('a malformed base URL is an error, not a crash', async () => {
		const reading = await fetchPrometheusFigures({url: 'not a url', now});
		expect(reading.detail.activeSessions.error).toMatch(/^prometheus: .*Invalid URL/);
	});
});
