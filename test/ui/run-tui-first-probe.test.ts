// runTui with firstProbeWaitMs: the first probe goes out before the first frame, and a quick
// answer is in that first frame; a slow one does not hold the screen back longer than the wait.

import {afterEach, describe, expect, it} from 'vitest';
import type {TuiOptions} from '../../source/ui/run-tui.js';

// Ink decides when it loads whether it runs under CI (any CI variable; .ci/run sets CI=true),
// and there it draws only the last frame. These tests read the first frame, so Ink and
// everything that loads it are imported after CI is taken out of the environment.
delete process.env.CI;
const {CLEAR_SCREEN, ENTER_ALT_SCREEN, HIDE_CURSOR, LEAVE_ALT_SCREEN, SHOW_CURSOR} = await import('../../source/ui/terminal-guard.js');
const {startTui} = await import('./tui-start.js');
const {tick} = await import('./helpers.js');

const ENTERED = ENTER_ALT_SCREEN + HIDE_CURSOR + CLEAR_SCREEN;

let cleanups: (() => void)[] = [];
afterEach(() => {
	for (const cleanup of cleanups) cleanup();
	cleanups = [];
});

function start(overrides: Partial<TuiOptions> = {}) {
	return startTui(cleanup => cleanups.push(cleanup), {firstProbeWaitMs: 100, ...overrides});
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
