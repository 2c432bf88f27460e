// Addressing: `localhost` with the service on one address family only, and an IPv6 literal.
// Whether `localhost` resolves to ::1 depends on the machine's hosts file, so the expected
// outcome is read from the resolver first: where it offers the family the server is on, the
// probe must reach it; where it does not, the error must name the address that was tried.

import {lookup} from 'node:dns/promises';
import {afterEach, describe, expect, test} from 'vitest';
import {evaluate} from '../../checks/token-service.js';
import {createProber} from '../../source/probe/prober.js';
import {closedPort, startHttp, type LoopbackHost, type RawServer} from '../support/raw-servers.js';
import {THRESHOLDS, TIMEOUT_MS} from './fault-server.js';

const open: RawServer[] = [];
afterEach(async () => {
	await Promise.all(open.splice(0).map(server => server.close()));
});

async function authorityOn(host: LoopbackHost): Promise<RawServer> {
	const server = await startHttp((_request, response) => {
		response.writeHead(400, {'content-type': 'application/json'}).end('{"error":"unsupported_grant_type"}');
	}, {host});
	open.push(server);
	return server;
}

async function probe(endpoint: string) {
	const prober = createProber({endpoint, timeoutMs: TIMEOUT_MS});
	try {
		const sample = await prober.probe();
		return {sample, result: evaluate(sample, THRESHOLDS)};
	} finally {
		await prober.close();
	}
}

async function localhostAddresses(): Promise<string[]> {
	return (await lookup('localhost', {all: true})).map(entry => entry.address);
}

describe('localhost', () => {
	test.for(['127.0.0.1', '::1'] as const)('with the server on %s only', async host => {
		const server = await authorityOn(host);
		const {sample, result} = await probe(server.url('/connect/token', 'localhost'));
		const addresses = await localhostAddresses();
		if (addresses.includes(host)) {
			expect(result.status).toBe('pass');
			expect(sample.phases.dnsMs).not.toBeNull();
		} else {
			// Only the other family is offered: the refusal names where the probe knocked.
			expect(result.status).toBe('fail');
			expect(result.evidence.Error).toMatch(/^connect ECONNREFUSED /);
			for (const address of addresses) expect(result.evidence.Error).toContain(`${address}:${server.port}`);
			expect(addresses.length).toBeGreaterThan(0);
		}
	});
});

describe('IPv6 literal endpoint', () => {
	test('http://[::1]:port/connect/token is reached', async () => {
		const server = await authorityOn('::1');
		const endpoint = `http://[::1]:${server.port}/connect/token`;
		const {sample, result} = await probe(endpoint);
		expect(result.status).toBe('pass');
		expect(result.evidence.Endpoint).toBe(endpoint);
		expect(sample.httpStatus).toBe(400);
		// A literal needs no lookup.
		expect(sample.phases.dnsMs).toBeNull();
	});

	test('a refused IPv6 literal names the bracketed address', async () => {
		const port = await closedPort('::1');
		const {result} = await probe(`http://[::1]:${port}/connect/token`);
		expect(result.status).toBe('fail');
		expect(result.evidence.Error).toBe(`connect ECONNREFUSED ::1:${port}`);
	});
});
