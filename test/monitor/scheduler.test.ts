import {describe, expect, it} from 'vitest';
import {createScheduler} from '../../source/monitor/scheduler.js';
import {createFakeTime} from './fake-time.js';
import {createProbeDouble} from './probe-double.js';

function setup(intervalMs = 5000) {
	const time = createFakeTime();
	const probe = createProbeDouble(time.now);
	let changes = 0;
	const scheduler = createScheduler({
		intervalMs,
		clock: time.clock,
		timers: time.timers,
		task: async () => {
			await probe.probe();
		},
		onChange: () => changes++,
	});
	const t0 = time.now();
	return {time, probe, scheduler, t0, changes: () => changes};
}

describe('scheduler', () => {
	it('probes at once, then every interval from the start of the previous probe', async () => {
		const {time, probe, scheduler, t0} = setup(5000);
		scheduler.start();
		await time.settle();
		expect(probe.calls()).toBe(1);
		await time.advance(40);
		probe.answer(40);
		await time.advance(4959);
		expect(probe.calls()).toBe(1);
		await time.advance(1);
		expect(probe.starts()).toEqual([t0, t0 + 5000]);
		scheduler.stop();
	});

	it('never has two probes in flight: a slow probe delays the next, which starts when it ends', async () => {
		const {time, probe, scheduler, t0} = setup(1000);
		scheduler.start();
		await time.advance(3500); // the first probe hangs for 3.5 intervals
		expect(probe.calls()).toBe(1);
		expect(scheduler.state().inFlight).toBe(true);
		probe.answer(3500);
		await time.advance(0);
		expect(probe.calls()).toBe(2);
		expect(probe.starts()[1]).toBe(t0 + 3500);
		// Mixed durations, some longer than the interval.
		for (const duration of [200, 1700, 50, 2500, 999, 1001]) {
			await time.advance(duration);
			probe.answer(duration);
			await time.advance(1000);
		}
		expect(probe.maxInFlight()).toBe(1);
		scheduler.stop();
	});

	it('probeNow probes at once, restarts the cadence, and refuses while a probe is in flight', async () => {
		const {time, probe, scheduler, t0} = setup(5000);
		scheduler.start();
		expect(scheduler.probeNow()).toBe(false);
		await time.advance(10);
		probe.answer(10);
		await time.advance(1990);
		expect(scheduler.probeNow()).toBe(true);
		await time.settle();
		expect(probe.starts()).toEqual([t0, t0 + 2000]);
		probe.answer(5);
		await time.advance(4999);
		expect(probe.calls()).toBe(2);
		await time.advance(1);
		expect(probe.starts()[2]).toBe(t0 + 7000);
		scheduler.stop();
	});

	it('pause stops scheduling (the probe in flight still completes), probeNow still works, resume probes at once', async () => {
		const {time, probe, scheduler, t0} = setup(1000);
		scheduler.start();
		scheduler.pause();
		expect(scheduler.state()).toMatchObject({paused: true, inFlight: true});
		probe.answer(20);
		await time.advance(10_000);
		expect(probe.calls()).toBe(1);
		expect(scheduler.state()).toMatchObject({paused: true, inFlight: false, nextDueAt: null});
		expect(scheduler.probeNow()).toBe(true);
		probe.answer(20);
		await time.advance(10_000);
		expect(probe.calls()).toBe(2);
		expect(scheduler.togglePause()).toBe(false);
		await time.settle();
		expect(probe.calls()).toBe(3);
		expect(probe.starts()[2]).toBe(t0 + 20_000);
		probe.answer(20);
		await time.advance(1000);
		expect(probe.calls()).toBe(4);
		scheduler.stop();
	});

	it('stop ends scheduling for good and leaves no timer behind', async () => {
		const {time, probe, scheduler} = setup(1000);
		scheduler.start();
		probe.answer(1);
		await time.settle();
		expect(time.pending()).toBe(1);
		scheduler.stop();
		expect(time.pending()).toBe(0);
		await time.advance(5000);
		expect(probe.calls()).toBe(1);
		expect(scheduler.probeNow()).toBe(false);
	});

	it('keeps going after the task throws', async () => {
		const time = createFakeTime();
		let calls = 0;
		const scheduler = createScheduler({
			intervalMs: 1000,
			clock: time.clock,
			timers: time.timers,
			task: async () => {
				calls++;
				throw new Error('boom');
			},
		});
		scheduler.start();
		await time.advance(3000);
		expect(calls).toBe(4);
		scheduler.stop();
	});

	it('rejects a non-positive interval', () => {
		const time = createFakeTime();
		expect(() => createScheduler({intervalMs: 0, clock: time.clock, timers: time.timers, task: async () => {}})).toThrow(RangeError);
	});
});
