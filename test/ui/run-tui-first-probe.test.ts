// runTui with firstProbeWaitMs: the first probe goes out before the first frame, and a quick
// answer is in that first frame; a slow one does not hold the screen back longer than the wait.

import {EventEmitter} from 'node:events';
import {afterEach, describe, expect, it} from 'vitest';
import type {TuiOptions} from '../../source/ui/run-tui.js';

// Ink decides when it loads whether it runs under CI (any CI variable; .ci/run sets CI=true),
// and there it draws only the last frame. These tests read the first frame, so Ink and
// everything that loads it are imported after CI is taken out of the environment.
delete process.env.CI;
const {runTui} = await import('../../source/ui/run-tui.js');
const {CLEAR_SCREEN, ENTER_ALT_SCREEN, HIDE_CURSOR, LEAVE_ALT_SCREEN, SHOW_CURSOR} = await import('../../source/ui/terminal-guard.js');
const {createFakeTime} = await import('../monitor/fake-time.js');
const {createProbeDouble, ENDPOINT} = await import('../monitor/probe-double.js');
const {FakeStdin, FakeStdout} = await import('./fake-terminal.js');
const {tick} = await import('./helpers.js');

const ENTERED = ENTER_ALT_SCREEN + HIDE_CURSOR + CLEAR_SCREEN;

let cleanups: (() => void)[] = [];
afterEach(() => {
	for (const cleanup of cleanups) cleanup();
	cleanups = [];
});

function start(overrides: Partial<TuiOptions> = {}) {
	const time = createFakeTime();
	const probe = createProbeDouble(time.now);
	const stdin = new FakeStdin();
	const stdout = new FakeStdout();
	const events = new EventEmitter();
	const exit = runTui({
		endpoint: ENDPOINT,
		intervalMs: 1000,
		probe: probe.probe,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: new FakeStdout() as unknown as NodeJS.WriteStream,
		env: {LANG: 'C.UTF-8'},
		clock: time.clock,
		timers: time.timers,
		events,
		firstProbeWaitMs: 100,
		...overrides,
	});
	cleanups.push(() => events.emit('SIGTERM'));
	return {time, probe, stdin, stdout, events, exit};
}

describe('runTui with a first-probe wait', () => {
	it('probes before drawing, and the first frame already shows the answer', async () => {
		const {probe, stdin, stdout, exit} = start();
		await tick();
		expect(probe.calls()).toBe(1);
		// The terminal is taken, but nothing is drawn while the answer is awaited.
		expect(stdout.output).toBe(ENTERED);
		probe.answer(40);
		await tick();
		const firstFrame = stdout.output.slice(ENTERED.length);
		expect(firstFrame).toMatch(/\bPASS\b/);
		expect(firstFrame).toContain('40 ms');
		// Still one probe: the monitor's start after the first frame sent no second one.
		expect(probe.calls()).toBe(1);
		stdin.type('q');
		expect(await exit).toBe(0);
	});

	it('draws without the answer once the wait is over, and quits as usual', async () => {
		const {probe, stdin, stdout, time, exit} = start();
		await tick();
		expect(stdout.output).toBe(ENTERED);
		await time.advance(100);
		await tick();
		const firstFrame = stdout.output.slice(ENTERED.length);
		expect(firstFrame).toContain('127.0.0.1:9');
		expect(firstFrame).not.toMatch(/\bPASS\b/);
		expect(probe.calls()).toBe(1);
		stdin.type('q');
		expect(await exit).toBe(0);
	});

	it('a signal during the wait still restores the terminal with its exit code', async () => {
		const {stdin, stdout, events, exit} = start();
		await tick();
		events.emit('SIGTERM');
		expect(await exit).toBe(143);
		expect(stdout.output.startsWith(ENTERED)).toBe(true);
		expect(stdout.output.endsWith(SHOW_CURSOR + LEAVE_ALT_SCREEN)).toBe(true);
		expect(stdin.isRaw).toBe(false);
		expect(events.listenerCount('SIGTERM')).toBe(0);
	});
});
