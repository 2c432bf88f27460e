import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {runPlainMonitor} from '../../source/ui/plain-monitor.js';
import {createFakeTime} from '../monitor/fake-time.js';
import {createProbeDouble, ENDPOINT} from '../monitor/probe-double.js';
import {FakeStdout} from './fake-terminal.js';

function start() {
	const time = createFakeTime();
	const probe = createProbeDouble(time.now);
	const stdout = new FakeStdout();
	const stderr = new FakeStdout();
	const events = new EventEmitter();
	const exit = runPlainMonitor({endpoint: ENDPOINT, intervalMs: 5000, probe: probe.probe, stdout, stderr, events, clock: time.clock, timers: time.timers});
	return {time, probe, stdout, stderr, events, exit};
}

describe('plain monitor', () => {
	it('says once why there is no screen, then prints one line per probe: time, status, response time, error', async () => {
		const {time, probe, stdout, stderr, events, exit} = start();
		for (const [ms, error] of [[42, null], [734, null], [null, 'connect ECONNREFUSED 127.0.0.1:9'], [3, 'HTTP 401 Unauthorized: invalid_client'], [2500, null]] as const) {
			await time.advance(ms === null ? 3 : Math.min(ms, 4999));
			probe.answer(ms, error);
			await time.advance(5000 - (ms === null ? 3 : Math.min(ms, 4999)));
		}
		events.emit('SIGTERM');
		expect(await exit).toBe(143);
		// The notice goes to stderr, so a pipe (`| head -5`) gets probe lines only.
		expect(stderr.output).toBe(
			`stella-doctor-tui: stdin is not a terminal, so no live screen: one line per probe of ${ENDPOINT} every 5 s (Ctrl+C stops).\n`,
		);
		expect(stdout.output.split('\n')).toEqual([
			'14:00:00 PASS 42 ms',
			'14:00:05 WARN 734 ms (over 500 ms)',
			'14:00:10 FAIL no answer: connect ECONNREFUSED 127.0.0.1:9',
			'14:00:15 FAIL not issuing tokens (3 ms): HTTP 401 Unauthorized: invalid_client',
			'14:00:20 FAIL 2500 ms (over 2000 ms)',
			'',
		]);
		expect(events.listenerCount('SIGTERM')).toBe(0);
		expect(time.pending()).toBe(0);
	});

	it('ends with 0 on Ctrl+C, 129 on SIGHUP, and quietly when the reader of a pipe goes away', async () => {
		const interrupted = start();
		interrupted.events.emit('SIGINT');
		expect(await interrupted.exit).toBe(0);
		const hungUp = start();
		hungUp.events.emit('SIGHUP');
		expect(await hungUp.exit).toBe(129);
		const piped = start();
		piped.stdout.emit('error', Object.assign(new Error('EPIPE'), {code: 'EPIPE'}));
		expect(await piped.exit).toBe(0);
	});
});
