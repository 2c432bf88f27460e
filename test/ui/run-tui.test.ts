import {afterEach, describe, expect, it} from 'vitest';
import type {TuiOptions} from '../../source/ui/run-tui.js';
import {ENTER_ALT_SCREEN, HIDE_CURSOR, LEAVE_ALT_SCREEN, SHOW_CURSOR} from '../../source/ui/terminal-guard.js';
import type {FakeStdin, FakeStdout} from './fake-terminal.js';
import {tick} from './helpers.js';
import {startTui} from './tui-start.js';

let cleanups: (() => void)[] = [];
afterEach(() => {
	for (const cleanup of cleanups) cleanup();
	cleanups = [];
});

function start(overrides: Partial<TuiOptions> = {}) {
	return startTui(cleanup => cleanups.push(cleanup), overrides);
}

function expectRestored(stdout: FakeStdout, stdin: FakeStdin): void {
	expect(stdout.output.startsWith(ENTER_ALT_SCREEN + HIDE_CURSOR)).toBe(true);
	expect(stdout.output.endsWith(SHOW_CURSOR + LEAVE_ALT_SCREEN)).toBe(true);
	expect(stdin.rawModes[0]).toBe(true);
	expect(stdin.rawModes.at(-1)).toBe(false);
	expect(stdin.isRaw).toBe(false);
}

describe('runTui', () => {
	it('enters the alternate screen, probes, and on q restores the terminal and returns 0', async () => {
		const {stdin, stdout, probe, exit, events} = start();
		await tick();
		expect(probe.calls()).toBe(1);
		probe.answer(40);
		await tick();
		stdin.type('q');
		expect(await exit).toBe(0);
		expectRestored(stdout, stdin);
		expect(events.listenerCount('SIGTERM') + events.listenerCount('SIGHUP') + events.listenerCount('uncaughtException')).toBe(0);
		expect(stdout.listenerCount('resize')).toBe(0);
	});

	it('Ctrl+C quits with 0', async () => {
		const {stdin, stdout, exit} = start();
		await tick();
		stdin.type('\u0003');
		expect(await exit).toBe(0);
		expectRestored(stdout, stdin);
	});

	it('SIGTERM and SIGHUP restore the terminal and return 128 + the signal number', async () => {
		for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129]] as const) {
			const {stdin, stdout, exit, events} = start();
			await tick();
			events.emit(signal);
			expect(await exit).toBe(code);
			expectRestored(stdout, stdin);
		}
	});

	it('an uncaught error restores the terminal, prints one line and returns 1', async () => {
		const {stdin, stdout, stderr, exit, events} = start();
		await tick();
		events.emit('uncaughtException', new Error('boom \u001b[31mred'));
		expect(await exit).toBe(1);
		expectRestored(stdout, stdin);
		expect(stderr.output).toBe('stella-doctor-tui: boom red\n');
	});

	it('an error while rendering restores the terminal and returns 1', async () => {
		const {stdin, stdout, stderr, exit} = start({
			useExtensions: () => ({
				panels: [
					{
						id: 'broken',
						minRows: 1,
						maxRows: 1,
						render: () => {
							throw new Error('panel exploded');
						},
					},
				],
			}),
		});
		expect(await exit).toBe(1);
		expect(stdout.output.endsWith(SHOW_CURSOR + LEAVE_ALT_SCREEN)).toBe(true);
		expect(stdin.isRaw).toBe(false);
		expect(stderr.output).toContain('stella-doctor-tui: panel exploded');
	});

	it('holds console output while full-screen and prints it afterwards', async () => {
		const {stdin, stderr, stdout, exit} = start({
			useExtensions: () => {
				console.warn('a library warning');
				return {};
			},
		});
		await tick();
		expect(stdout.output).not.toContain('a library warning');
		stdin.type('q');
		expect(await exit).toBe(0);
		expect(stderr.output).toContain('a library warning\n');
	});

	it('clears the screen for a clean redraw when the terminal is resized', async () => {
		const {stdin, stdout, exit, time} = start();
		await tick();
		const before = stdout.output.length;
		stdout.columns = 120;
		stdout.rows = 40;
		stdout.emit('resize');
		expect(stdout.output.slice(before)).toContain('\u001b[2J\u001b[H');
		await time.advance(500);
		stdin.type('q');
		expect(await exit).toBe(0);
	});

	it('on a dumb terminal, prints plain lines instead of drawing a screen it cannot address', async () => {
		const {stdin, stdout, stderr, events, exit} = start({env: {TERM: 'dumb', LANG: 'C.UTF-8'}});
		await tick();
		events.emit('SIGTERM');
		expect(await exit).toBe(143);
		expect(stdin.rawModes).toEqual([]);
		expect(stderr.output).toMatch(/^stella-doctor-tui: TERM is dumb, so no live screen: one line per probe/);
		expect(stdout.output).not.toContain('\u001b');
	});

	it('without a terminal on stdin, prints plain lines instead (no raw mode)', async () => {
		const {stdin, stdout, stderr, probe, events, exit, time} = startTui(cleanup => cleanups.push(cleanup), {}, {stdinIsTTY: false});
		await time.advance(40);
		probe.answer(40);
		await time.settle();
		events.emit('SIGINT');
		expect(await exit).toBe(0);
		expect(stdin.rawModes).toEqual([]);
		expect(stdout.output).not.toContain(ENTER_ALT_SCREEN);
		expect(stderr.output).toMatch(/^stella-doctor-tui: stdin is not a terminal, so no live screen/);
		expect(stdout.output.split('\n')[0]).toBe('14:00:00 PASS 40 ms');
	});
});
