import {request} from 'undici';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {DemoAuthority} from '../../source/demo/authority.js';
import {startTestAuthority} from '../support/test-authority.js';
import {ACTIVE_SESSIONS, TOKENS_ISSUED_LAST_24H, TOKENS_ISSUED_TOTAL} from '../../source/demo/authority-metrics.js';
import {ControlError} from '../../source/demo/control-client.js';
import {CONTROL_HEADER} from '../../source/demo/control-protocol.js';
import {connectionError, metricValue, requestToken, scrape} from './helpers.js';

describe('demo Authority (real oidc-provider in a child process)', () => {
	let authority: DemoAuthority;

	beforeAll(async () => {
		authority = await startTestAuthority();
	});
	afterAll(async () => {
		await authority?.close();
	});

	it('describes itself on loopback with the StellaOps token route', async () => {
		expect(authority.tokenEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/connect\/token$/);
		expect(authority.metricsUrl).toBe(`${authority.issuer}/metrics`);
		expect(authority.controlUrl).not.toBe(authority.issuer);
		expect(authority.clientSecret.length).toBeGreaterThanOrEqual(32);
		// The secret is not enumerable, so logging or serialising the handle cannot leak it.
		expect(JSON.stringify(authority)).not.toContain(authority.clientSecret);
		const status = await authority.status();
		expect(status).toMatchObject({state: 'running', pid: authority.pid, latencyMs: 0, tokenEndpoint: authority.tokenEndpoint});
	});

	it('issues a real access token for client_secret_basic and client_secret_post', async () => {
		for (const style of ['basic', 'post'] as const) {
			const reply = await requestToken(authority, authority.clientSecret, style);
			expect(reply.statusCode).toBe(200);
			expect(reply.body.access_token).toEqual(expect.any(String));
			expect(reply.body.token_type).toBe('Bearer');
		}
	});

	it('answers a wrong secret with 401 invalid_client', async () => {
		const reply = await requestToken(authority, `${authority.clientSecret}x`);
		expect(reply.statusCode).toBe(401);
		expect(reply.body.error).toBe('invalid_client');
	});

	it('answers a request without credentials below 500 (what reachability probes rely on)', async () => {
		const response = await request(authority.tokenEndpoint, {method: 'POST', body: '', reset: true});
		await response.body.dump();
		expect(response.statusCode).toBeGreaterThanOrEqual(400);
		expect(response.statusCode).toBeLessThan(500);
	});

	it('delays the token endpoint by the latency switch', async () => {
		const status = await authority.setLatency(300);
		expect(status.latencyMs).toBe(300);
		try {
			const slow = await requestToken(authority, authority.clientSecret);
			expect(slow.statusCode).toBe(200);
			expect(slow.elapsedMs).toBeGreaterThanOrEqual(300);
		} finally {
			expect((await authority.setLatency(0)).latencyMs).toBe(0);
		}
	});

	it('rejects an invalid latency without changing it', async () => {
		await expect(authority.setLatency(-5)).rejects.toBeInstanceOf(ControlError);
		await expect(authority.setLatency(1.5)).rejects.toThrow(/whole number/);
		expect((await authority.status()).latencyMs).toBe(0);
	});

	it('counts real issuances in /metrics: counter, 24 h window and active sessions', async () => {
		const before = await scrape(authority.metricsUrl);
		const total = metricValue(before, TOKENS_ISSUED_TOTAL)!;
		const window = metricValue(before, TOKENS_ISSUED_LAST_24H)!;
		const active = metricValue(before, ACTIVE_SESSIONS)!;
		expect([total, window, active].every(Number.isFinite)).toBe(true);

		expect((await requestToken(authority, authority.clientSecret)).statusCode).toBe(200);
		expect((await requestToken(authority, authority.clientSecret, 'post')).statusCode).toBe(200);
		// Refused requests issue nothing and must not count.
		expect((await requestToken(authority, 'wrong')).statusCode).toBe(401);

		const after = await scrape(authority.metricsUrl);
		expect(after).toContain(`# TYPE ${TOKENS_ISSUED_TOTAL} counter`);
		expect(after).toContain(`# TYPE ${ACTIVE_SESSIONS} gauge`);
		expect(metricValue(after, TOKENS_ISSUED_TOTAL)).toBe(total + 2);
		expect(metricValue(after, TOKENS_ISSUED_LAST_24H)).toBe(window + 2);
		expect(metricValue(after, ACTIVE_SESSIONS)).toBe(active + 2);
		const status = await authority.status();
		expect(status.tokensIssuedTotal).toBe(total + 2);
		expect(status.activeSessions).toBe(active + 2);
	});

	it('stop closes the port for real (ECONNREFUSED), start opens the same port again', async () => {
		const stopped = await authority.stop();
		expect(stopped.state).toBe('stopped');
		expect(stopped.runningSince).toBeNull();
		expect(await connectionError(authority.tokenEndpoint)).toBe('ECONNREFUSED');
		// Stopping twice is harmless.
		expect((await authority.stop()).state).toBe('stopped');

		const started = await authority.start();
		expect(started.state).toBe('running');
		expect(started.tokenEndpoint).toBe(authority.tokenEndpoint);
		expect((await requestToken(authority, authority.clientSecret)).statusCode).toBe(200);
	});

	it('restart brings a stopped Authority back and clears injected latency', async () => {
		await authority.setLatency(2600);
		await authority.stop();
		const status = await authority.restart();
		expect(status).toMatchObject({state: 'running', latencyMs: 0});
		expect((await requestToken(authority, authority.clientSecret)).statusCode).toBe(200);
	});

	it('keeps recent log lines of requests, starts, stops and latency changes — never the secret', async () => {
		await requestToken(authority, authority.clientSecret, 'post', `?client_secret=${authority.clientSecret}`);
		const lines = await authority.logs();
		const text = lines.join('\n');
		expect(text).toMatch(/started on 127\.0\.0\.1:\d+/);
		expect(text).toContain('POST /connect/token 200');
		expect(text).toContain('POST /connect/token 401');
		expect(text).toContain('latency set to 300 ms');
		expect(text).toMatch(/stopped: port \d+ closed/);
		expect(text).toContain('restart requested');
		expect(text).not.toContain(authority.clientSecret);
		expect(await authority.logs(2)).toHaveLength(2);
	});

	it('control server: actions need POST and the control header', async () => {
		const plainPost = await request(`${authority.controlUrl}/stop`, {method: 'POST', reset: true});
		expect(plainPost.statusCode).toBe(403);
		await plainPost.body.dump();
		const get = await request(`${authority.controlUrl}/stop`, {reset: true});
		expect(get.statusCode).toBe(405);
		await get.body.dump();
		const withHeader = await request(`${authority.controlUrl}/latency?ms=0`, {method: 'POST', headers: {[CONTROL_HEADER]: '1'}, reset: true});
		expect(withHeader.statusCode).toBe(200);
		await withHeader.body.dump();
		expect((await authority.status()).state).toBe('running');
	});
});
