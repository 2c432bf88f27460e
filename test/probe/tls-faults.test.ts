// TLS faults: self-signed, expired and wrong-host certificates, each without and with the
// right CA (--ca), plus --insecure, against real https servers with certificates made by
// openssl for this run.

import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {evaluate} from '../../checks/token-service.js';
import {createProber, type ProbeOptions} from '../../source/probe/prober.js';
import {formatJsonReport} from '../../source/report/format-json.js';
import {formatTextReport} from '../../source/report/format-text.js';
import {startHttps, type RawServer} from '../support/raw-servers.js';
import {makeTestCerts, type KeyAndCert, type TestCerts} from '../support/tls-certs.js';
import {THRESHOLDS, TIMEOUT_MS} from './fault-server.js';

let certs: TestCerts;
const servers: Record<'good' | 'selfSigned' | 'expired' | 'wrongHost', RawServer> = {} as never;

beforeAll(async () => {
	certs = makeTestCerts();
	// Answers like a healthy Authority to an anonymous probe: 400 unsupported_grant_type.
	const start = (pair: KeyAndCert) =>
		startHttps((_request, response) => {
			response.writeHead(400, {'content-type': 'application/json'}).end('{"error":"invalid_client"}');
		}, pair);
	servers.good = await start(certs.good);
	servers.selfSigned = await start(certs.selfSigned);
	servers.expired = await start(certs.expired);
	servers.wrongHost = await start(certs.wrongHost);
});

afterAll(async () => {
	await Promise.all(Object.values(servers).map(server => server.close()));
	certs?.cleanup();
});

async function probeOnce(server: RawServer, options: Partial<ProbeOptions> = {}) {
	const prober = createProber({endpoint: server.url('/connect/token'), timeoutMs: TIMEOUT_MS, ...options});
	try {
		const sample = await prober.probe();
		return {sample, result: evaluate(sample, THRESHOLDS)};
	} finally {
		await prober.close();
	}
}

describe('without the right CA, every bad certificate fails with its reason', () => {
	test.for<['good' | 'selfSigned' | 'expired' | 'wrongHost', string]>([
		['selfSigned', 'certificate is self-signed'],
		// Expiry is reported before the missing issuer.
		['expired', 'certificate has expired'],
		['wrongHost', 'certificate issuer is not trusted (unable to verify the first certificate)'],
		['good', 'certificate issuer is not trusted (unable to verify the first certificate)'],
	])('%s: %s', async ([name, error]) => {
		const {sample, result} = await probeOnce(servers[name]);
		expect(result.status).toBe('fail');
		expect(result.condition).toBe('unavailable');
		expect(result.evidence.Error).toBe(error);
		expect(result.message).toBe(`Token service at ${sample.endpoint} is not responding: ${error}`);
		expect(sample.phases.tlsMs).toBeNull();
		expect(sample.insecure).toBe(false);
	});
});

describe('with --ca', () => {
	test('self-signed passes when the certificate itself is the CA given', async () => {
		const {sample, result} = await probeOnce(servers.selfSigned, {ca: certs.selfSigned.cert});
		expect(result.status).toBe('pass');
		expect(sample.phases.tlsMs).not.toBeNull();
	});

	test('a certificate from the given CA passes', async () => {
		const {result} = await probeOnce(servers.good, {ca: Buffer.from(certs.caPem)});
		expect(result.status).toBe('pass');
	});

	test('expired still fails, now for its expiry', async () => {
		const {result} = await probeOnce(servers.expired, {ca: certs.caPem});
		expect(result.status).toBe('fail');
		expect(result.evidence.Error).toBe('certificate has expired');
	});

	test('wrong host name still fails, naming the host', async () => {
		const {result} = await probeOnce(servers.wrongHost, {ca: certs.caPem});
		expect(result.status).toBe('fail');
		expect(result.evidence.Error).toBe('certificate is not valid for host 127.0.0.1');
	});

	test('a CA that did not sign the certificate does not help', async () => {
		const {result} = await probeOnce(servers.selfSigned, {ca: certs.caPem});
		expect(result.status).toBe('fail');
		expect(result.evidence.Error).toBe('certificate is self-signed');
	});

	test('the same prober passes again and again (the trust store is built once, reused per probe)', async () => {
		const prober = createProber({endpoint: servers.good.url('/connect/token'), timeoutMs: TIMEOUT_MS, ca: certs.caPem});
		try {
			for (let i = 0; i < 3; i++) expect(evaluate(await prober.probe(), THRESHOLDS).status).toBe('pass');
		} finally {
			await prober.close();
		}
	});
});

describe('--insecure', () => {
	test.for(['selfSigned', 'expired', 'wrongHost'] as const)('%s passes, and every report says verification is off', async name => {
		const {sample, result} = await probeOnce(servers[name], {insecure: true});
		expect(result.status).toBe('pass');
		expect(sample.insecure).toBe(true);
		const input = {result, sample, timeoutMs: TIMEOUT_MS};
		expect(formatTextReport(input)).toContain('WARNING: TLS certificate verification is disabled (--insecure)');
		expect(JSON.parse(formatJsonReport(input)).tlsVerification).toBe('disabled (--insecure)');
	});

	test('without --insecure the report carries no such warning', async () => {
		const {sample, result} = await probeOnce(servers.good, {ca: certs.caPem});
		const input = {result, sample, timeoutMs: TIMEOUT_MS};
		expect(formatTextReport(input)).not.toContain('--insecure');
		expect(JSON.parse(formatJsonReport(input))).not.toHaveProperty('tlsVerification');
	});
});
