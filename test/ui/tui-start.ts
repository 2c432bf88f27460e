// runTui on fake terminals, a fake clock and a probe the test answers: what both run-tui test
// files start. Each call registers a SIGTERM with `onCleanup`, so no test leaves a TUI running.

import {EventEmitter} from 'node:events';
import {runTui, type TuiOptions} from '../../source/ui/run-tui.js';
import {createFakeTime} from '../monitor/fake-time.js';
import {createProbeDouble, ENDPOINT} from '../monitor/probe-double.js';
import {FakeStdin, FakeStdout} from './fake-terminal.js';

export function startTui(onCleanup: (cleanup: () => void) => void, overrides: Partial<TuiOptions> = {}, terminal: {stdinIsTTY?: boolean} = {}) {
	const time = createFakeTime();
	const probe = createProbeDouble(time.now);
	const stdin = new FakeStdin();
	if (terminal.stdinIsTTY === false) stdin.isTTY = false;
	const stdout = new FakeStdout();
	const stderr = new FakeStdout();
	const events = new EventEmitter();
	const exit = runTui({
		endpoint: ENDPOINT,
		intervalMs: 1000,
		probe: probe.probe,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		env: {LANG: 'C.UTF-8'},
		clock: time.clock,
		timers: time.timers,
		events,
		...overrides,
	});
	onCleanup(() => events.emit('SIGTERM'));
	return {time, probe, stdin, stdout, stderr, events, exit};
}
