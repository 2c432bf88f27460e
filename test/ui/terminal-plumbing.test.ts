import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {createTicker} from '../../source/monitor/ticker.js';
import {holdConsole} from '../../source/ui/console-hold.js';
import {anchorFrame, createInkStdout} from '../../source/ui/ink-stdout.js';
import {createRedraw} from '../../source/ui/redraw.js';
import {createTerminalGuard, ENTER_ALT_SCREEN, HIDE_CURSOR, LEAVE_ALT_SCREEN, SHOW_CURSOR} from '../../source/ui/terminal-guard.js';
import {createFakeTime} from '../monitor/fake-time.js';
import {FakeStdin, FakeStdout} from './fake-terminal.js';

describe('ink stdout', () => {
	it("anchors the start of Ink's incremental frames at the top-left, and leaves other writes alone", () => {
		expect(anchorFrame('\u001b[22A\u001b[1Gline\u001b[K\n')).toBe('\u001b[H\u001b[1Gline\u001b[K\n');
		expect(anchorFrame('\u001b[0A\u001b[E')).toBe('\u001b[H\u001b[E');
		expect(anchorFrame('\u001b[2K\u001b[1A\u001b[2Kframe')).toBe('\u001b[2K\u001b[1A\u001b[2Kframe');
		expect(anchorFrame('line\u001b[3A')).toBe('line\u001b[3A');
	});

	it('is the real stream in every other respect', () => {
		const stdout = new FakeStdout();
		const view = createInkStdout(stdout as unknown as NodeJS.WriteStream);
		view.write('\u001b[5Aabc');
		expect(stdout.output).toBe('\u001b[Habc');
		expect(view.columns).toBe(80);
		expect(view.isTTY).toBe(true);
		const listener = () => {};
		view.on('resize', listener);
		expect(stdout.listenerCount('resize')).toBe(1);
		view.off('resize', listener);
		expect(stdout.listenerCount('resize')).toBe(0);
	});
});

describe('terminal guard', () => {
	it('enters and restores once, and restores on process exit when nobody else did', () => {
		const stdout = new FakeStdout();
		const stdin = new FakeStdin();
		const exit = new EventEmitter();
		const guard = createTerminalGuard(stdout, stdin, exit);
		guard.enter();
		guard.enter();
		expect(stdout.output).toBe(`${ENTER_ALT_SCREEN}${HIDE_CURSOR}\u001b[2J\u001b[H`);
		stdin.setRawMode(true);
		exit.emit('exit');
		expect(stdout.output.endsWith(SHOW_CURSOR + LEAVE_ALT_SCREEN)).toBe(true);
		expect(stdin.isRaw).toBe(false);
		const length = stdout.output.length;
		guard.restore();
		expect(stdout.output.length).toBe(length);
		expect(exit.listenerCount('exit')).toBe(0);
	});

	it('does not throw when the terminal is gone', () => {
		const guard = createTerminalGuard(
			{
				write() {
					throw new Error('EIO');
				},
			},
			{isTTY: true, isRaw: true, setRawMode: () => {
				throw new Error('EIO');
			}},
			new EventEmitter(),
		);
		expect(() => {
			guard.enter();
			guard.restore();
		}).not.toThrow();
		expect(guard.active).toBe(false);
	});
});

describe('redraw', () => {
	it('clears, stays blank until resizes stop, then draws again', async () => {
		const time = createFakeTime();
		let clears = 0;
		const redraw = createRedraw({delayMs: 100, timers: time.timers, clear: () => clears++});
		const states: boolean[] = [];
		redraw.subscribe(() => states.push(redraw.getSnapshot()));
		redraw.trigger();
		await time.advance(60);
		redraw.trigger();
		await time.advance(60);
		expect(redraw.getSnapshot()).toBe(true);
		await time.advance(40);
		expect(redraw.getSnapshot()).toBe(false);
		expect(states).toEqual([true, false]);
		expect(clears).toBe(2);
		redraw.stop();
		expect(time.pending()).toBe(0);
	});
});

describe('ticker', () => {
	it('ticks on whole seconds, only while someone listens', async () => {
		const time = createFakeTime(new Date(2025, 0, 15, 14, 0, 0, 300).getTime());
		const ticker = createTicker({clock: time.clock, timers: time.timers});
		expect(time.pending()).toBe(0);
		const seen: number[] = [];
		const unsubscribe = ticker.subscribe(() => seen.push(ticker.getSnapshot() % 1000));
		await time.advance(2_700);
		expect(seen).toEqual([0, 0, 0]);
		unsubscribe();
		expect(time.pending()).toBe(0);
		await time.advance(5_000);
		expect(seen).toHaveLength(3);
		ticker.stop();
	});
});

describe('console hold', () => {
	it('holds console output, sanitized, until released', () => {
		const lines: string[] = [];
		const target = {log: (...args: unknown[]) => lines.push(args.join(' ')), info() {}, warn() {}, error() {}, debug() {}} as unknown as Console;
		const original = target.log;
		const held = holdConsole(target);
		target.log('hello %s', 'world');
		target.error('bad \u001b[2Jthing');
		expect(lines).toEqual([]);
		expect(held.release()).toEqual(['hello world', 'bad thing']);
		expect(target.log).toBe(original);
	});
});
