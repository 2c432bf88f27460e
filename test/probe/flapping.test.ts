// A service flapping up and down (a real closed port, then listening again), watched by the
// monitor the TUI uses (its scheduler, prober, timeline): every change appears on the
// timeline, none is invented, and nothing leaks — no connection left open, no handle left
// once the monitor is stopped and the prober closed.

import {afterEach, expect, test} from 'vitest';
import type {Status} from '../../checks/types.js';
import {createMonitor, type Observation} from '../../source/monitor/monitor.js';
import type {StatusChange} from '../../source/monitor/timeline.js';
import {createProber} from '../../source/probe/prober.js';
import {startFlapping} from '../support/raw-servers.js';
import {THRESHOLDS, TIMEOUT_MS} from './fault-server.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Socket, server and lookup handles of this process. */
function netHandles(): number {
	return process.getActiveResourcesInfo().filter(kind => /TCP|TLS|ConnectWrap|GetAddrInfo/.test(kind)).length;
}

async function settle(condition: () => boolean, withinMs = 2000): Promise<boolean> {
	const deadline = Date.now() + withinMs;
	while (!condition() && Date.now() < deadline) await sleep(10);
	return condition();
}

test('a service going up and down every second for 10 s: every change on the timeline, none invented, nothing leaked', async () => {
	const PERIOD = 1000;
	const handlesBefore = netHandles();
	const service = await startFlapping({periodMs: PERIOD});
	cleanups.push(() => service.close());
	const endpoint = service.url('/connect/token');
	const prober = createProber({endpoint, timeoutMs: TIMEOUT_MS});
	cleanups.push(() => prober.close());
	const monitor = createMonitor({endpoint, intervalMs: 100, probe: () => prober.probe(), thresholds: THRESHOLDS});
	cleanups.push(() => monitor.stop());
	const observations: Observation[] = [];
	monitor.subscribe(() => {
		const latest = monitor.getSnapshot().latest;
		if (latest && latest !== observations.at(-1)) observations.push(latest);
	});

	monitor.start();
	await sleep(10 * PERIOD + PERIOD / 2);
	monitor.stop();
	await service.close();

	const lastStart = observations.at(-1)!.sample.startedAt;
	// The changes a probe could see: not the initial "up", and with a probe started after them.
	const changes = service.changes.slice(1).filter(change => change.at < lastStart);
	expect(changes.length).toBeGreaterThanOrEqual(9);

	// The timeline (newest first) holds one status entry per change, in the same order, each
	// with the right status and made between the change before it and the change after it.
	const entries = monitor
		.getSnapshot()
		.timeline.filter((entry): entry is StatusChange => entry.kind === 'status' && entry.from !== null)
		.reverse();
	expect(entries.map(entry => entry.to)).toEqual(changes.map(change => (change.up ? 'pass' : 'fail') satisfies Status));
	for (const [index, entry] of entries.entries()) {
		const previous = service.changes[index]!.at;
		const next = changes[index + 1]?.at ?? Number.POSITIVE_INFINITY;
		expect(entry.at).toBeGreaterThanOrEqual(previous);
		expect(entry.at).toBeLessThan(next);
	}

	// Down is a real refusal, named as such (or the connection cut as the service went down).
	const errors = new Set(observations.filter(observation => !observation.sample.available).map(observation => observation.sample.error ?? ''));
	for (const error of errors) expect(error).toMatch(new RegExp(`^(connect ECONNREFUSED 127\\.0\\.0\\.1:${service.port}|connection (reset|closed) by the server.*)$`));
	// Up is fast and healthy: no false failure from the service's own restarts.
	expect(observations.filter(observation => observation.sample.available && observation.result.status !== 'pass')).toEqual([]);

	// Nothing leaks: no connection left open, and with the prober closed no handle is left.
	expect(service.openConnections()).toBe(0);
	await prober.close();
	expect(await settle(() => netHandles() <= handlesBefore)).toBe(true);
});
