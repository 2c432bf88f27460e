// Proxies: requests go through HTTP_PROXY (absolute form, for http endpoints) and
// HTTPS_PROXY (CONNECT tunnel, for https endpoints, with the endpoint's certificate still
// verified end to end); NO_PROXY exempts the endpoint; a proxy that is down or refuses the
// tunnel is named as the problem. The proxy is a real local forward proxy that records what
// it was asked to do.

import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {evaluate} from '../../checks/token-service.js';
import {createProber, type ProbeOptions} from '../../source/probe/prober.js';
import {proxySettingsFrom} from '../../source/probe/proxy-settings.js';
import {runCli} from '../faults/run-cli.js';
import {closedPort, startForwardProxy, startHttp, startHttps, startRaw, type ForwardProxy, type RawServer} from '../support/raw-servers.js';
import {makeTestCerts, type TestCerts} from '../support/tls-certs.js';
import {THRESHOLDS, TIMEOUT_MS} from './fault-server.js';

let certs: TestCerts;
let plain: RawServer;
let secure: RawServer;
let proxy: ForwardProxy;
/** Answers every CONNECT with 403, as a proxy whose policy forbids the target does. */
let denying: RawServer;
let reached = 0;

beforeAll(async () => {
	certs = makeTestCerts();
	const handler = (_request: unknown, response: import('node:http').ServerResponse) => {
		reached++;
		response.writeHead(400, {'content-type': 'application/json'}).end('{"error":"unsupported_grant_type"}');
	};
	plain = await startHttp(handler);
	secure = await startHttps(handler, certs.good);
	proxy = await startForwardProxy();
	denying = await startRaw(socket => socket.once('data', () => socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n')));
});

afterAll(async () => {
	await Promise.all([plain, secure, proxy, denying].filter(Boolean).map(server => server.close()));
	certs?.cleanup();
});

async function probeOnce(options: ProbeOptions) {
	const prober = createProber(options);
	try {
		const sample = await prober.probe();
		return {sample, result: evaluate(sample, THRESHOLDS)};
	} finally {
		await prober.close();
	}
}

function sightingsSince(before: number) {
	return proxy.seen.slice(before);
}

describe('through a forward proxy', () => {
	test('HTTP_PROXY: an http endpoint is asked in absolute form through the proxy', async () => {
		const before = proxy.seen.length;
		const endpoint = plain.url('/connect/token');
		const {result} = await probeOnce({endpoint, timeoutMs: TIMEOUT_MS, proxy: proxySettingsFrom({HTTP_PROXY: proxy.url('/')})});
		expect(result.status).toBe('pass');
		expect(sightingsSince(before)).toEqual([{method: 'POST', target: endpoint}]);
	});

	test('HTTPS_PROXY: an https endpoint goes through a CONNECT tunnel, its certificate verified end to end', async () => {
		const before = proxy.seen.length;
		const settings = proxySettingsFrom({HTTPS_PROXY: proxy.url('/')});
		const ok = await probeOnce({endpoint: secure.url('/connect/token'), timeoutMs: TIMEOUT_MS, proxy: settings, ca: certs.caPem});
		expect(ok.result.status).toBe('pass');
		// Without the CA the tunnel works but the certificate is still refused.
		const untrusted = await probeOnce({endpoint: secure.url('/connect/token'), timeoutMs: TIMEOUT_MS, proxy: settings});
		expect(untrusted.result.evidence.Error).toBe('certificate issuer is not trusted (unable to verify the first certificate)');
		expect(sightingsSince(before)).toEqual([
			{method: 'CONNECT', target: `127.0.0.1:${secure.port}`},
			{method: 'CONNECT', target: `127.0.0.1:${secure.port}`},
		]);
	});

	test('lower-case variables win over upper-case ones, as curl reads them', () => {
		expect(proxySettingsFrom({http_proxy: 'http://a:1', HTTP_PROXY: 'http://b:2', NO_PROXY: ' x '})).toEqual({
			httpProxy: 'http://a:1',
			httpsProxy: undefined,
			noProxy: 'x',
		});
	});

	test('NO_PROXY exempting the endpoint: the proxy sees nothing', async () => {
		const before = proxy.seen.length;
		const reachedBefore = reached;
		const settings = proxySettingsFrom({HTTP_PROXY: proxy.url('/'), HTTPS_PROXY: proxy.url('/'), NO_PROXY: 'localhost,127.0.0.1,[::1]'});
		expect((await probeOnce({endpoint: plain.url('/connect/token'), timeoutMs: TIMEOUT_MS, proxy: settings})).result.status).toBe('pass');
		expect((await probeOnce({endpoint: secure.url('/connect/token'), timeoutMs: TIMEOUT_MS, proxy: settings, ca: certs.caPem})).result.status).toBe('pass');
		expect(sightingsSince(before)).toEqual([]);
		expect(reached - reachedBefore).toBe(2);
	});
});

describe('a proxy that fails', () => {
	test('a proxy that refuses connections is named as the problem', async () => {
		const port = await closedPort();
		const {result} = await probeOnce({
			endpoint: plain.url('/connect/token'),
			timeoutMs: TIMEOUT_MS,
			proxy: proxySettingsFrom({HTTP_PROXY: `http://127.0.0.1:${port}`}),
		});
		expect(result.status).toBe('fail');
		expect(result.evidence.Error).toBe(`cannot reach the proxy 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`);
	});

	test('a proxy host that does not resolve is named as the problem', async () => {
		const {result} = await probeOnce({
			endpoint: secure.url('/connect/token'),
			timeoutMs: TIMEOUT_MS,
			proxy: proxySettingsFrom({HTTPS_PROXY: 'http://proxy.invalid:3128'}),
		});
		expect(result.evidence.Error).toBe('cannot reach the proxy proxy.invalid:3128: getaddrinfo ENOTFOUND proxy.invalid');
	});

	test('a proxy that refuses the tunnel says so, immediately, and not as a timeout', async () => {
		const started = Date.now();
		const {result} = await probeOnce({
			endpoint: secure.url('/connect/token'),
			timeoutMs: TIMEOUT_MS,
			proxy: proxySettingsFrom({HTTPS_PROXY: denying.url('/')}),
		});
		expect(result.status).toBe('fail');
		expect(result.evidence.Error).toBe(`proxy 127.0.0.1:${denying.port} refused the tunnel: HTTP 403 Forbidden`);
		expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
	});

	test('the endpoint refusing behind a working proxy is the proxy answering 502, not a healthy service', async () => {
		const port = await closedPort();
		const {result} = await probeOnce({
			endpoint: `http://127.0.0.1:${port}/connect/token`,
			timeoutMs: TIMEOUT_MS,
			proxy: proxySettingsFrom({HTTP_PROXY: proxy.url('/')}),
		});
		expect(result.status).toBe('fail');
		expect(result.evidence.Error).toBe('HTTP 502 Bad Gateway');
	});
});

describe('the built CLI reads the proxy from its environment', () => {
	test('HTTPS_PROXY and HTTP_PROXY in the environment route --once through the proxy', async () => {
		const before = proxy.seen.length;
		const run = await runCli(['--once', '--json', '--endpoint', secure.url('/connect/token'), '--ca', certs.caFile], {
			env: {HTTPS_PROXY: proxy.url('/')},
		});
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		expect(JSON.parse(run.stdout).status).toBe('pass');
		expect(sightingsSince(before)).toEqual([{method: 'CONNECT', target: `127.0.0.1:${secure.port}`}]);

		const viaHttp = await runCli(['--once', '--json', '--endpoint', plain.url('/connect/token')], {env: {http_proxy: proxy.url('/'), no_proxy: 'example.invalid'}});
		expect(viaHttp.code).toBe(0);
		expect(sightingsSince(before).at(-1)).toEqual({method: 'POST', target: plain.url('/connect/token')});

		const exempt = proxy.seen.length;
		const noProxy = await runCli(['--once', '--json', '--endpoint', plain.url('/connect/token')], {env: {HTTP_PROXY: proxy.url('/'), NO_PROXY: '127.0.0.1'}});
		expect(noProxy.code).toBe(0);
		expect(proxy.seen.length).toBe(exempt);
	});
});
