// The network half of the fault matrix (issue 7; issue 2's raw-server tests): each fault
// against a real local server, the verdict through evaluate(), the exact one-line error,
// and the same prober passing once the fault is gone.

import {performance} from 'node:perf_hooks';
import {describe, expect, test} from 'vitest';
import {evaluate} from '../../checks/token-service.js';
import type {Sample} from '../../checks/types.js';
import {createProber} from '../../source/probe/prober.js';
import {closedPort, rawResponse, startHttp, type RawServer} from '../support/raw-servers.js';
import {afterRequest, startFaultServer, THRESHOLDS, TIMEOUT_MS, type Fault, type FaultServer} from './fault-server.js';

type Cleanup = (fn: () => Promise<void>) => void;

// Cleanup goes through each test's own context: the time faults run concurrently.
async function faultServer(cleanup: Cleanup, fault: Fault | null): Promise<FaultServer> {
	const server = await startFaultServer(fault);
	cleanup(() => server.close());
	return server;
}

function expectUnavailable(sample: Sample, error: string): void {
	const result = evaluate(sample, THRESHOLDS);
	expect(result.status).toBe('fail');
	expect(result.condition).toBe('unavailable');
	expect(result.evidence.ServiceAvailable).toBe('NO');
	expect(result.evidence.Error).toBe(error);
	const how = sample.httpStatus === null ? 'is not responding' : 'answered but is not issuing tokens';
	expect(result.message).toBe(`Token service at ${sample.endpoint} ${how}: ${error}`);
	expect(sample.error).not.toMatch(/[\r\n]/);
}

/** The fault is cleared and the very same prober is asked again: it must pass. */
async function expectRecovers(server: FaultServer, prober: ReturnType<FaultServer['prober']>): Promise<void> {
	server.fault = null;
	const again = await prober.probe();
	expect(evaluate(again, THRESHOLDS).status).toBe('pass');
}

async function timed<T>(work: () => Promise<T>): Promise<{value: T; elapsed: number}> {
	const start = performance.now();
	const value = await work();
	return {value, elapsed: performance.now() - start};
}

describe('connection faults', () => {
	test('connection refused names the address, and the prober works once the service is back', async ({onTestFinished}) => {
		const port = await closedPort();
		const endpoint = `http://127.0.0.1:${port}/connect/token`;
		const prober = createProber({endpoint, timeoutMs: TIMEOUT_MS});
		try {
			const sample = await prober.probe();
			expectUnavailable(sample, `connect ECONNREFUSED 127.0.0.1:${port}`);
			expect(sample.responseTimeMs).toBeNull();
			expect(sample.httpStatus).toBeNull();
			const back = await startHttp((_request, response) => response.writeHead(200, {'content-type': 'application/json'}).end('{"access_token":"t"}'), {port});
			onTestFinished(() => back.close());
			expect(evaluate(await prober.probe(), THRESHOLDS).status).toBe('pass');
		} finally {
			await prober.close();
		}
	});

	test('a host name that does not resolve names the name (and probing again gives the same answer)', async ({onTestFinished}) => {
		// .invalid never resolves (RFC 6761): the resolver answers NXDOMAIN without the network.
		const prober = createProber({endpoint: 'http://authority.invalid:8080/connect/token', timeoutMs: TIMEOUT_MS});
		try {
			const first = await prober.probe();
			expectUnavailable(first, 'getaddrinfo ENOTFOUND authority.invalid');
			expect(first.phases.dnsMs).not.toBeNull();
			expectUnavailable(await prober.probe(), 'getaddrinfo ENOTFOUND authority.invalid');
		} finally {
			await prober.close();
		}
	});

	test('reset before any answer', async ({onTestFinished}) => {
		const server = await faultServer(onTestFinished, socket => afterRequest(socket, () => socket.resetAndDestroy()));
		const prober = server.prober();
		expectUnavailable(await prober.probe(), 'connection reset by the server (ECONNRESET)');
		await expectRecovers(server, prober);
	});

	test('reset in the middle of the response', async ({onTestFinished}) => {
		const server = await faultServer(onTestFinished, socket =>
			afterRequest(socket, () => {
				socket.write(rawResponse('200 OK', {'content-type': 'application/json', 'content-length': 1000}, '{"access_token":"abc'));
				setTimeout(() => socket.resetAndDestroy(), 30);
			}),
		);
		const prober = server.prober();
		const sample = await prober.probe();
		expectUnavailable(sample, 'connection reset by the server during the response');
		expect(sample.httpStatus).toBe(200);
		await expectRecovers(server, prober);
	});

	test('closed without an answer', async ({onTestFinished}) => {
		const server = await faultServer(onTestFinished, socket => afterRequest(socket, () => socket.end()));
		const prober = server.prober();
		expectUnavailable(await prober.probe(), 'connection closed by the server without an answer');
		await expectRecovers(server, prober);
	});
});

// The slow faults wait for the deadline; they run side by side to keep the suite short.
describe.concurrent('time faults (timeout 2500 ms, critical 2000 ms)', () => {
	test('accepts the connection and never answers: fails at the timeout, not later', async ({onTestFinished}) => {
		const server = await faultServer(onTestFinished, () => {});
		const prober = server.prober();
		const {value: sample, elapsed} = await timed(() => prober.probe());
		expectUnavailable(sample, `no response within ${TIMEOUT_MS} ms`);
		expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
		expect(elapsed).toBeLessThan(TIMEOUT_MS + 750);
		expect(sample.phases.connectMs).not.toBeNull();
		expect(sample.phases.firstByteMs).toBeNull();
		await expectRecovers(server, prober);
	});

	test('headers arrive, then the body stalls', async ({onTestFinished}) => {
		const server = await faultServer(onTestFinished, socket =>
			afterRequest(socket, () => socket.write(rawResponse('200 OK', {'content-type': 'application/json', 'content-length': 100}, '{"acc'))),
		);
		const prober = server.prober();
		const {value: sample, elapsed} = await timed(() => prober.probe());
		expectUnavailable(sample, `response body not complete within ${TIMEOUT_MS} ms`);
		expect(sample.httpStatus).toBe(200);
		expect(elapsed).toBeLessThan(TIMEOUT_MS + 750);
		await expectRecovers(server, prober);
	});

	test('a body that trickles past the critical time completes: critically slow, with the time', async ({onTestFinished}) => {
		const server = await faultServer(onTestFinished, socket =>
			afterRequest(socket, () => {
				const body = '{"access_token":"' + 'x'.repeat(20) + '"}';
				socket.write(rawResponse('200 OK', {'content-type': 'application/json', 'content-length': body.length}));
				let sent = 0;
				const started = Date.now();
				// The whole answer takes about 2.2 s: past critical, before the timeout. Timed by the
				// clock, not by counting ticks, so a loaded machine's late timers cannot stretch it.
				const timer = setInterval(() => {
					const rest = Date.now() - started >= 2200 ? body.length - sent : 1;
					socket.write(body.slice(sent, sent + rest));
					sent += rest;
					if (sent >= body.length) {
						clearInterval(timer);
						socket.end();
					}
				}, 2200 / body.length);
				socket.on('close', () => clearInterval(timer));
			}),
		);
		// A roomier deadline than the other time faults: this test is about the time that was
		// measured, and a loaded machine must not turn it into a timeout.
		const prober = server.prober({timeoutMs: 5000});
		const sample = await prober.probe();
		const result = evaluate(sample, THRESHOLDS);
		expect(sample.available).toBe(true);
		expect(sample.responseTimeMs).toBeGreaterThan(2000);
		expect(result.status).toBe('fail');
		expect(result.condition).toBe('critically-slow');
		expect(result.message).toBe(`Token service critically slow: ${result.evidence.ResponseTimeMs} ms exceeds the 2000 ms critical threshold`);
		expect(sample.phases.transferMs).toBeGreaterThan(1500);
		await expectRecovers(server, prober);
	});

	test('a body that trickles past the timeout is cut off at the timeout', async ({onTestFinished}) => {
		const server = await faultServer(onTestFinished, socket =>
			afterRequest(socket, () => {
				socket.write(rawResponse('200 OK', {'content-type': 'application/json', 'content-length': 10_000}));
				const timer = setInterval(() => socket.write(' '), 100);
				socket.on('close', () => clearInterval(timer));
			}),
		);
		const prober = server.prober();
		const {value: sample, elapsed} = await timed(() => prober.probe());
		expectUnavailable(sample, `response body not complete within ${TIMEOUT_MS} ms`);
		expect(elapsed).toBeLessThan(TIMEOUT_MS + 750);
		await expectRecovers(server, prober);
	});
});

describe('HTTP answers that are not a healthy token endpoint', () => {
	const html = '<!DOCTYPE html><html><head><title>Error</title></head><body><h1>Something broke</h1></body></html>';
	const statusServer = async (cleanup: Cleanup, status: string, headers: Record<string, string> = {}) =>
		faultServer(cleanup, socket =>
			afterRequest(socket, () =>
				socket.end(rawResponse(status, {'content-type': 'text/html', 'content-length': html.length, connection: 'close', ...headers}, html)),
			),
		);

	test.for<[string, string]>([
		['500 Internal Server Error', 'HTTP 500 Internal Server Error'],
		['502 Bad Gateway', 'HTTP 502 Bad Gateway'],
		['503 Service Unavailable', 'HTTP 503 Service Unavailable'],
		['504 Gateway Timeout', 'HTTP 504 Gateway Timeout'],
	])('%s with an HTML body is not responding, in both probe modes', async ([status, error], {onTestFinished}) => {
		const server = await statusServer(onTestFinished, status);
		for (const credentials of [null, {clientId: 'doctor', clientSecret: 'not-shown'}]) {
			const prober = server.prober({credentials});
			const sample = await prober.probe();
			expectUnavailable(sample, error);
			expect(sample.httpStatus).toBe(Number(status.slice(0, 3)));
			// An answer did arrive: its time is known even though the service is down.
			expect(sample.responseTimeMs).not.toBeNull();
		}
		const prober = server.prober();
		await expectRecovers(server, prober);
	});

	test('429 is a failure that says it is rate limiting and when to retry', async ({onTestFinished}) => {
		const server = await statusServer(onTestFinished, '429 Too Many Requests', {'retry-after': '30'});
		const prober = server.prober();
		expectUnavailable(await prober.probe(), 'HTTP 429 Too Many Requests (rate limited; Retry-After: 30)');
		await expectRecovers(server, prober);
	});

	test.for<[string, string]>([
		['301 Moved Permanently', 'HTTP 301 Moved Permanently'],
		['302 Found', 'HTTP 302 Found'],
		['307 Temporary Redirect', 'HTTP 307 Temporary Redirect'],
	])('%s is never a pass, is not followed, and names the Location', async ([status, line], {onTestFinished}) => {
		let followed = 0;
		const target = await startHttp(() => followed++);
		onTestFinished(() => target.close());
		const location = target.url('/elsewhere');
		const server = await statusServer(onTestFinished, status, {location});
		for (const credentials of [null, {clientId: 'doctor', clientSecret: 'not-shown'}]) {
			const prober = server.prober({credentials});
			expectUnavailable(await prober.probe(), `${line}: redirected to ${location}`);
		}
		expect(followed).toBe(0);
		await expectRecovers(server, server.prober());
	});

	test('a redirect without a Location says so', async ({onTestFinished}) => {
		const server = await statusServer(onTestFinished, '302 Found');
		expectUnavailable(await server.prober().probe(), 'HTTP 302 Found: redirected to (no Location header)');
	});

	test('invalid JSON on a credentialed probe', async ({onTestFinished}) => {
		const body = '{"access_token": "abc",';
		const server = await faultServer(onTestFinished, socket =>
			afterRequest(socket, () => socket.end(rawResponse('200 OK', {'content-type': 'application/json', 'content-length': body.length, connection: 'close'}, body))),
		);
		const prober = server.prober({credentials: {clientId: 'doctor', clientSecret: 'not-shown'}});
		expectUnavailable(await prober.probe(), 'HTTP 200 but the body is not JSON; no access_token');
		await expectRecovers(server, prober);
	});

	test('an HTML 401 on a credentialed probe names the status', async ({onTestFinished}) => {
		const server = await statusServer(onTestFinished, '401 Unauthorized');
		expectUnavailable(await server.prober({credentials: {clientId: 'doctor', clientSecret: 'not-shown'}}).probe(), 'HTTP 401 Unauthorized');
	});
});

describe('a body of tens of megabytes', () => {
	const TOTAL = 40 * 1024 * 1024;

	async function hugeServer(cleanup: Cleanup): Promise<RawServer & {flushed(): number; finished(): boolean}> {
		let flushed = 0;
		let finished = false;
		const chunk = Buffer.alloc(256 * 1024, '{');
		const server = await startHttp((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json', 'content-length': TOTAL});
			let queued = 0;
			const pump = () => {
				while (queued < TOTAL) {
					queued += chunk.length;
					const more = response.write(chunk, error => {
						if (!error) flushed += chunk.length;
					});
					if (!more) {
						response.once('drain', pump);
						return;
					}
				}
				response.end(() => (finished = true));
			};
			pump();
		});
		cleanup(() => server.close());
		return {...server, flushed: () => flushed, finished: () => finished};
	}

	test('is read only up to 64 KiB, the rest is never downloaded, and memory stays flat', async ({onTestFinished}) => {
		const server = await hugeServer(onTestFinished);
		global.gc?.();
		const before = process.memoryUsage();
		const reach = createProber({endpoint: server.url('/connect/token'), timeoutMs: TIMEOUT_MS});
		const cred = createProber({endpoint: server.url('/connect/token'), timeoutMs: TIMEOUT_MS, credentials: {clientId: 'doctor', clientSecret: 'not-shown'}});
		try {
			// Reachability: any answer below 500 is alive, however big.
			const first = await reach.probe();
			expect(evaluate(first, THRESHOLDS).status).toBe('pass');
			// Credentials: the token cannot be read from a capped body.
			expectUnavailable(await cred.probe(), 'HTTP 200 but the body exceeds 65536 bytes; no token could be read');
			// The prober is still fine afterwards.
			expect(evaluate(await reach.probe(), THRESHOLDS).status).toBe('pass');
		} finally {
			await Promise.all([reach.close(), cred.close()]);
		}
		await new Promise(resolve => setTimeout(resolve, 50));
		// Three answers of 40 MB each were offered; the connection was dropped early each time.
		expect(server.finished()).toBe(false);
		expect(server.flushed()).toBeLessThan(TOTAL);
		const after = process.memoryUsage();
		expect(after.heapUsed - before.heapUsed).toBeLessThan(32 * 1024 * 1024);
		expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(32 * 1024 * 1024);
	});
});
