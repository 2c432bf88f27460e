// The probe against a real OAuth2 Authority (oidc-provider in a child process): the spec's
// four outcomes produced by real latency and a really closed port, and real client auth.

import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {evaluate} from '../../checks/token-service.js';
import type {DemoAuthority} from '../../source/demo/authority.js';
import {startTestAuthority} from '../support/test-authority.js';
import {createProber} from '../../source/probe/prober.js';

let authority: DemoAuthority;

beforeAll(async () => {
	authority = await startTestAuthority();
});

afterAll(async () => {
	await authority?.close();
});

function reachability() {
	return createProber({endpoint: authority.tokenEndpoint, timeoutMs: 5000});
}

function withCredentials(clientSecret: string) {
	return createProber({
		endpoint: authority.tokenEndpoint,
		timeoutMs: 5000,
		credentials: {clientId: authority.clientId, clientSecret},
	});
}

describe('probe against the real Authority', () => {
	it('passes a healthy Authority without credentials (reachability) and names the mode', async () => {
		const prober = reachability();
		const sample = await prober.probe();
		await prober.close();
		expect(sample.mode).toBe('reachability');
		expect(sample.available).toBe(true);
		expect(sample.httpStatus).toBeGreaterThanOrEqual(400);
		expect(sample.httpStatus).toBeLessThan(500);
		const result = evaluate(sample);
		expect(result.status).toBe('pass');
		expect(sample.phases.connectMs).not.toBeNull();
		expect(sample.phases.firstByteMs).not.toBeNull();
		expect(sample.phases.tlsMs).toBeNull();
	});

	it('does not flag --insecure on an http endpoint, where there is no certificate to skip', async () => {
		const prober = createProber({endpoint: authority.tokenEndpoint, timeoutMs: 5000, insecure: true});
		const sample = await prober.probe();
		await prober.close();
		expect(sample.available).toBe(true);
		expect(sample.insecure).toBe(false);
	});

	it('passes with valid client credentials, which means a real token was issued', async () => {
		const before = (await authority.status()).tokensIssuedTotal;
		const prober = withCredentials(authority.clientSecret);
		const sample = await prober.probe();
		await prober.close();
		expect(sample.mode).toBe('client_credentials');
		expect(sample.httpStatus).toBe(200);
		expect(evaluate(sample).status).toBe('pass');
		expect((await authority.status()).tokensIssuedTotal).toBe(before + 1);
	});

	it('fails a wrong secret, naming invalid_client', async () => {
		const prober = withCredentials('not-the-secret');
		const sample = await prober.probe();
		await prober.close();
		const result = evaluate(sample);
		expect(result.status).toBe('fail');
		expect(sample.httpStatus).toBe(401);
		expect(result.evidence.Error).toMatch(/^HTTP 401 Unauthorized: invalid_client/);
		expect(result.message).not.toContain('not-the-secret');
	});

	it('warns at +700 ms and fails at +2500 ms', async () => {
		const prober = withCredentials(authority.clientSecret);
		try {
			await authority.setLatency(700);
			const slow = evaluate(await prober.probe());
			expect(slow.status).toBe('warn');
			expect(slow.evidence.ResponseTimeMs).toBeGreaterThanOrEqual(700);

			await authority.setLatency(2500);
			const critical = evaluate(await prober.probe());
			expect(critical.status).toBe('fail');
			expect(critical.condition).toBe('critically-slow');
			expect(critical.evidence.ResponseTimeMs).toBeGreaterThan(2000);
		} finally {
			await authority.setLatency(0);
			await prober.close();
		}
	});

	it('fails a stopped Authority with the refusal named, and passes again after start', async () => {
		const prober = reachability();
		const port = new URL(authority.tokenEndpoint).port;
		try {
			await authority.stop();
			const stopped = evaluate(await prober.probe());
			expect(stopped.status).toBe('fail');
			expect(stopped.condition).toBe('unavailable');
			expect(stopped.evidence.ServiceAvailable).toBe('NO');
			expect(stopped.evidence.Error).toBe(`connect ECONNREFUSED 127.0.0.1:${port}`);

			await authority.start();
			expect(evaluate(await prober.probe()).status).toBe('pass');
		} finally {
			await authority.start();
			await prober.close();
		}
	});
});
