// The metrics fetch connects as the probe does: the extra CA from --ca, --insecure, and the
// proxies from the environment (found by review: the scrape ignored all three). Real local
// servers and a real forward proxy; the last test runs the built CLI.

import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fetchText} from '../../source/metrics/fetch-text.js';
import {metricsDispatcherFor, type ConnectionSettings} from '../../source/metrics/metrics-dispatcher.js';
import {proxySettingsFrom} from '../../source/probe/proxy-settings.js';
import {runCli} from '../faults/run-cli.js';
import {startForwardProxy, startHttp, startHttps, type ForwardProxy, type RawServer} from '../support/raw-servers.js';
import {makeTestCerts, type TestCerts} from '../support/tls-certs.js';

const EXPOSITION = '# TYPE stellaops_authority_active_sessions gauge\nstellaops_authority_active_sessions 7\n';

let certs: TestCerts;
let secure: RawServer;
let plain: RawServer;
let proxy: ForwardProxy;

beforeAll(async () => {
	certs = makeTestCerts();
	const handler = (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => {
		if (request.url === '/metrics') response.writeHead(200, {'content-type': 'text/plain'}).end(EXPOSITION);
		else response.writeHead(400, {'content-type': 'application/json'}).end('{"error":"unsupported_grant_type"}');
	};
	secure = await startHttps(handler, certs.good);
	plain = await startHttp(handler);
	proxy = await startForwardProxy();
});

afterAll(async () => {
	await Promise.all([secure, plain, proxy].filter(Boolean).map(server => server.close()));
	certs?.cleanup();
});

async function fetchWith(url: string, settings: Omit<ConnectionSettings, 'metrics'>): Promise<string> {
	const dispatcher = metricsDispatcherFor({...settings, metrics: {metricsUrl: url, prometheusUrl: null}});
	try {
		return (await fetchText(new URL(url), {timeoutMs: 5000, ...(dispatcher ? {dispatcher} : {})})).text;
	} finally {
		await dispatcher?.close();
	}
}

describe('the metrics dispatcher', () => {
	it('is not made when no metrics source is configured', () => {
		expect(metricsDispatcherFor({proxy: {}, metrics: {metricsUrl: null, prometheusUrl: null}})).toBeUndefined();
	});

	it('trusts the CA given with --ca, and refuses the certificate without it', async () => {
		const url = secure.url('/metrics');
		await expect(fetchWith(url, {proxy: {}})).rejects.toThrow(/certificate/i);
		expect(await fetchWith(url, {proxy: {}, ca: certs.caPem})).toContain('stellaops_authority_active_sessions 7');
	});

	it('skips the certificate check only with --insecure', async () => {
		expect(await fetchWith(secure.url('/metrics'), {proxy: {}, insecure: true})).toContain('active_sessions 7');
	});

	it('goes through HTTP_PROXY, as the probe does', async () => {
		const before = proxy.seen.length;
		const url = plain.url('/metrics');
		expect(await fetchWith(url, {proxy: proxySettingsFrom({HTTP_PROXY: proxy.url('/')})})).toContain('active_sessions 7');
		expect(proxy.seen.slice(before)).toEqual([{method: 'GET', target: url}]);
	});

	it('--once --json reads an https /metrics with --ca (the built CLI)', async () => {
		const caFile = join(certs.dir, 'metrics-ca.pem');
		writeFileSync(caFile, certs.caPem);
		const run = await runCli(['--once', '--json', '--endpoint', secure.url('/connect/token'), '--metrics-url', secure.url('/metrics'), '--ca', caFile]);
		expect(run.stderr).toBe('');
		const report = JSON.parse(run.stdout) as {evidence: Record<string, unknown>};
		expect(report.evidence.ActiveSessions).toBe(7);
	});
});
