import {describe, expect, it} from 'vitest';
import {createMonitor, type MonitorSnapshot} from '../../source/monitor/monitor.js';
import {createFakeTime} from './fake-time.js';
import {createProbeDouble, ENDPOINT} from './probe-double.js';

function setup(options: {intervalMs?: number; figures?: () => {tokensIssuedLast24h: number | null; activeSessions: number | null}} = {}) {
	const time = createFakeTime();
	const probe = createProbeDouble(time.now);
	const monitor = createMonitor({
		endpoint: ENDPOINT,
		intervalMs: options.intervalMs ?? 1000,
		probe: probe.probe,
		figures: options.figures,
		clock: time.clock,
		timers: time.timers,
	});
	const seen: MonitorSnapshot[] = [];
	monitor.subscribe(() => seen.push(monitor.getSnapshot()));
	return {time, probe, monitor, seen, t0: time.now()};
}

describe('monitor', () => {
	it('judges each probe, records failures at their own time, and keeps the transitions', async () => {
		const {time, probe, monitor, t0} = setup();
		monitor.start();
		// The in-flight sign waits: a render now would be timed as part of the probe.
		expect(monitor.getSnapshot().inFlight).toBe(false);
		// 14:00:00 PASS 40 ms, 14:00:01 WARN 734 ms, 14:00:02 refused, 14:00:03 PASS 41 ms.
		for (const [ms, error] of [[40, null], [734, null], [null, 'connect ECONNREFUSED 127.0.0.1:9'], [41, null]] as const) {
			await time.advance(ms ?? 5);
			probe.answer(ms, error);
			await time.advance(1000 - (ms ?? 5));
		}
		const snapshot = monitor.getSnapshot();
		expect(snapshot.probes).toBe(4);
		expect(snapshot.history.recent(10)).toEqual([
			{at: t0, ms: 40, status: 'pass'},
			{at: t0 + 1000, ms: 734, status: 'warn'},
			{at: t0 + 2000, ms: null, status: 'fail'},
			{at: t0 + 3000, ms: 41, status: 'pass'},
		]);
		expect(snapshot.timeline.map(entry => (entry.kind === 'status' ? [entry.at - t0, entry.from, entry.to, entry.responseTimeMs, entry.error] : null))).toEqual([
			[3000, 'fail', 'pass', 41, null],
			[2000, 'warn', 'fail', null, 'connect ECONNREFUSED 127.0.0.1:9'],
			[1000, 'pass', 'warn', 734, null],
			[0, null, 'pass', 40, null],
		]);
		expect(snapshot.sinceStart).toMatchObject({probes: 4, pass: 2, warn: 1, fail: 1, available: 3, availabilityPct: 75, min: 40, max: 734, p50: 41});
		expect(snapshot.latest?.result.status).toBe('pass');
		expect(snapshot.latest?.receivedAt).toBe(t0 + 3041);
		monitor.stop();
	});

	it('marks in-flight and paused in snapshots', async () => {
		const {time, probe, monitor, seen} = setup();
		monitor.start();
		expect(seen).toEqual([]);
		await time.advance(299);
		expect(seen).toEqual([]);
		await time.advance(1);
		expect(seen.at(-1)).toMatchObject({inFlight: true, paused: false});
		probe.answer(10);
		await time.settle();
		expect(seen.at(-1)).toMatchObject({inFlight: false});
		expect(monitor.togglePause()).toBe(true);
		expect(monitor.getSnapshot().paused).toBe(true);
		await time.advance(10_000);
		expect(probe.calls()).toBe(1);
		monitor.resume();
		await time.advance(300);
		expect(monitor.getSnapshot()).toMatchObject({paused: false, inFlight: true});
		monitor.stop();
	});

	it('turns a probe that throws into a failed probe, not a crash or a gap', async () => {
		const {time, probe, monitor, t0} = setup();
		monitor.start();
		probe.fail(new Error('socket \u001b[31mexploded\u001b[0m'));
		await time.settle();
		const latest = monitor.getSnapshot().latest!;
		expect(latest.result).toMatchObject({status: 'fail', condition: 'unavailable'});
		expect(latest.sample.error).toBe('probe failed: socket exploded');
		expect(latest.sample.startedAt).toBe(t0);
		expect(monitor.getSnapshot().history.recent(1)).toEqual([{at: t0, ms: null, status: 'fail'}]);
		monitor.stop();
	});

	it('evaluates with the figures it is given, and unknown ones when the getter throws', async () => {
		let calls = 0;
		const {time, probe, monitor} = setup({
			figures: () => {
				calls++;
				if (calls > 1) throw new Error('metrics down');
				return {tokensIssuedLast24h: 1204, activeSessions: 17};
			},
		});
		monitor.start();
		probe.answer(40);
		await time.advance(1000);
		expect(monitor.getSnapshot().latest?.result.evidence).toMatchObject({TokensIssuedLast24h: 1204, ActiveSessions: 17});
		probe.answer(40);
		await time.settle();
		expect(monitor.getSnapshot().latest?.result.evidence).toMatchObject({TokensIssuedLast24h: null, ActiveSessions: null});
		monitor.stop();
	});

	it('forgets probes older than the 5-minute window as time passes, even while paused', async () => {
		const {time, probe, monitor} = setup({intervalMs: 60_000});
		monitor.start();
		probe.answer(900);
		await time.advance(60_000);
		probe.answer(40);
		await time.settle();
		monitor.pause();
		expect(monitor.getSnapshot().lastWindow).toMatchObject({probes: 2, warn: 1, pass: 1});
		await time.advance(250_000); // 310 s after the first probe, 250 s after the second
		const before = monitor.getSnapshot();
		monitor.expire();
		const after = monitor.getSnapshot();
		expect(after).not.toBe(before);
		expect(after.lastWindow).toMatchObject({probes: 1, warn: 0, pass: 1, max: 40});
		expect(after.sinceStart).toMatchObject({probes: 2, warn: 1});
		monitor.expire();
		expect(monitor.getSnapshot()).toBe(after); // nothing aged out: no new snapshot
		monitor.stop();
	});

	it('adds sanitized notes to the timeline', () => {
		const {monitor, t0} = setup();
		monitor.note('ran \u001b]0;evil\u0007restart: exit 0');
		expect(monitor.getSnapshot().timeline).toEqual([{kind: 'note', at: t0, text: 'ran restart: exit 0'}]);
		monitor.stop();
	});

	it('records nothing after stop, even from the probe in flight', async () => {
		const {time, probe, monitor} = setup();
		monitor.start();
		monitor.stop();
		probe.answer(40);
		await time.advance(5000);
		expect(monitor.getSnapshot().probes).toBe(0);
		expect(time.pending()).toBe(0);
	});
});
