// A server whose keep-alive timeout equals the poll interval (the classic race where a
// reused idle connection is closed under the client) gives no false failures.

import {afterEach, describe, expect, test} from 'vitest';
import {evaluate} from '../../checks/token-service.js';
import type {Sample} from '../../checks/types.js';
import {createProber, type Prober} from '../../source/probe/prober.js';
import {startHttp} from '../support/raw-servers.js';
import {THRESHOLDS, TIMEOUT_MS} from './fault-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Probes every `intervalMs` (start to start) until `until()` is true. */
async function poll(prober: Prober, intervalMs: number, until: (count: number) => boolean): Promise<Sample[]> {
	const samples: Sample[] = [];
	while (!until(samples.length)) {
		const started = Date.now();
		samples.push(await prober.probe());
		await sleep(Math.max(0, intervalMs - (Date.now() - started)));
	}
	return samples;
}

async function settle(condition: () => boolean, withinMs = 2000): Promise<boolean> {
	const deadline = Date.now() + withinMs;
	while (!condition() && Date.now() < deadline) await sleep(10);
	return condition();
}

describe('keep-alive', () => {
	test('a server whose idle timeout equals the poll interval: 40 polls, no false failure, a fresh connection each', async () => {
		const INTERVAL = 100;
		const server = await startHttp(
			(_request, response) => response.writeHead(200, {'content-type': 'application/json'}).end('{"access_token":"t"}'),
			{keepAliveTimeout: INTERVAL},
		);
		cleanups.push(() => server.close());
		const prober = createProber({endpoint: server.url('/connect/token'), timeoutMs: TIMEOUT_MS, credentials: {clientId: 'doctor', clientSecret: 'not-shown'}});
		cleanups.push(() => prober.close());

		const samples = await poll(prober, INTERVAL, count => count >= 40);
		const failures = samples.filter(sample => evaluate(sample, THRESHOLDS).status !== 'pass');
		expect(failures.map(sample => sample.error)).toEqual([]);
		// No connection is ever reused, so none can be closed under the probe.
		expect(server.acceptedConnections()).toBe(40);
		expect(await settle(() => server.openConnections() === 0)).toBe(true);
	});
});
