// A service flapping up and down (a real closed port, then listening again) has every
// change observed and none invented, and nothing leaks: sockets, handles.

import {afterEach, describe, expect, test} from 'vitest';
import {evaluate} from '../../checks/token-service.js';
import type {Sample, Status} from '../../checks/types.js';
import {createProber, type Prober} from '../../source/probe/prober.js';
import {startFlapping, type StateChange} from '../support/raw-servers.js';
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

/** Socket and server handles of this process, by kind. */
function netHandles(): number {
	return process.getActiveResourcesInfo().filter(kind => /TCP|TLS|Pipe.*Connect|ConnectWrap|GetAddrInfo/.test(kind)).length;
}

async function settle(condition: () => boolean, withinMs = 2000): Promise<boolean> {
	const deadline = Date.now() + withinMs;
	while (!condition() && Date.now() < deadline) await sleep(10);
	return condition();
}

describe('flapping', () => {
	test('a service going up and down every second for 10 s: every change observed, none invented, nothing leaked', async () => {
		const PERIOD = 1000;
		const POLL = 100;
		const handlesBefore = netHandles();
		const service = await startFlapping({periodMs: PERIOD});
		cleanups.push(() => service.close());
		const prober = createProber({endpoint: service.url('/connect/token'), timeoutMs: TIMEOUT_MS});
		cleanups.push(() => prober.close());

		const start = Date.now();
		const samples = await poll(prober, POLL, () => Date.now() - start >= 10 * PERIOD + PERIOD / 2);
		await service.close();
		const changes: readonly StateChange[] = service.changes.filter(change => change.at < samples.at(-1)!.startedAt);
		const statuses: Status[] = samples.map(sample => evaluate(sample, THRESHOLDS).status);

		// The service really flapped: ten changes after the initial "up".
		expect(changes.length).toBeGreaterThanOrEqual(10);
		// Each state (between two changes) was seen by at least one probe started inside it.
		for (const [index, change] of changes.entries()) {
			const next = changes[index + 1]?.at ?? Number.POSITIVE_INFINITY;
			const inside = samples.filter(sample => sample.startedAt >= change.at && sample.startedAt < next);
			const expected: Status = change.up ? 'pass' : 'fail';
			expect(inside.map(sample => evaluate(sample, THRESHOLDS).status), `state ${index} (${change.up ? 'up' : 'down'})`).toContain(expected);
		}
		// And no transition was invented: the verdicts change exactly as often as the service did.
		const transitions = statuses.filter((status, index) => index > 0 && status !== statuses[index - 1]).length;
		expect(transitions).toBe(changes.length - 1);
		// Down is a real refusal, named as such.
		const downErrors = new Set(samples.filter(sample => !sample.available).map(sample => sample.error));
		expect([...downErrors].every(error => error === `connect ECONNREFUSED 127.0.0.1:${service.port}` || /^connection (reset|closed)/.test(error ?? ''))).toBe(true);

		// Nothing leaks: no connection left open, and closing the prober leaves no handle behind.
		expect(service.openConnections()).toBe(0);
		await prober.close();
		expect(await settle(() => netHandles() <= handlesBefore)).toBe(true);
	});
});
