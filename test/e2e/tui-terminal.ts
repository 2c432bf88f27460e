// A real pseudo-terminal running the monitor, with a headless xterm as the screen: what a
// person would see, the bytes that crossed the "SSH link", and how the process ended.

import {resolve} from 'node:path';
import xterm from '@xterm/headless';
import * as pty from 'node-pty';

const {Terminal} = xterm;
const ROOT = resolve(import.meta.dirname, '../..');

/** runTui through the test harness, with the real prober (the harness can also crash on purpose). */
export function harnessCommand(endpoint: string, intervalSeconds: number, extra: readonly string[] = []): string[] {
	return ['--import', 'tsx', resolve(ROOT, 'test/ui/fixtures/tui-harness.tsx'), endpoint, String(intervalSeconds * 1000), ...extra];
}

/** The built CLI, as an operator runs it (npm test builds it first). */
export function monitorCommand(endpoint: string, intervalSeconds: number): string[] {
	return [resolve(ROOT, 'dist/cli.js'), '--endpoint', endpoint, '--interval', String(intervalSeconds), '--timeout', '3000'];
}

/** The child's environment: no CI (Ink would print only the last frame), a UTF-8 colour terminal unless overridden. */
export function childEnv(overrides: Record<string, string | undefined> = {}): Record<string, string> {
	const env: Record<string, string | undefined> = {...process.env, LANG: 'C.UTF-8', TERM: 'xterm-256color', ...overrides};
	for (const key of ['CI', 'NO_COLOR', 'FORCE_COLOR', 'LC_ALL', 'LC_CTYPE']) if (!(key in overrides)) delete env[key];
	return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export interface Session {
	readonly terminal: InstanceType<typeof Terminal>;
	readonly child: pty.IPty;
	/** Everything the program wrote. */
	output(): string;
	/** Bytes written so far. */
	bytes(): number;
	screen(): string[];
	/** The screen's rows that the terminal had to wrap (a line wider than the terminal). */
	wrappedRows(): number[];
	type(keys: string): void;
	resize(columns: number, rows: number): void;
	waitFor(what: string, predicate: (screen: string[]) => boolean, timeoutMs?: number): Promise<string[]>;
	exited(timeoutMs?: number): Promise<{exitCode: number; signal?: number}>;
	kill(): void;
}

export function startSession(args: readonly string[], options: {columns?: number; rows?: number; env?: Record<string, string>} = {}): Session {
	const columns = options.columns ?? 80;
	const rows = options.rows ?? 24;
	const terminal = new Terminal({cols: columns, rows, allowProposedApi: true, scrollback: 0});
	const child = pty.spawn(process.execPath, [...args], {name: 'xterm-256color', cols: columns, rows, cwd: ROOT, env: options.env ?? childEnv()});
	let output = '';
	let bytes = 0;
	child.onData(data => {
		output += data;
		bytes += Buffer.byteLength(data);
		terminal.write(data);
	});
	let exit: {exitCode: number; signal?: number} | null = null;
	const exitWaiters: ((value: {exitCode: number; signal?: number}) => void)[] = [];
	child.onExit(event => {
		exit = event;
		for (const waiter of exitWaiters) waiter(event);
	});
	const flush = () => new Promise<void>(done => terminal.write('', done));
	const screen = () => {
		const buffer = terminal.buffer.active;
		return Array.from({length: terminal.rows}, (_, row) => buffer.getLine(row)?.translateToString(true) ?? '');
	};
	return {
		terminal,
		child,
		output: () => output,
		bytes: () => bytes,
		screen,
		wrappedRows: () =>
			Array.from({length: terminal.rows}, (_, row) => row).filter(row => terminal.buffer.active.getLine(row)?.isWrapped),
		type: keys => child.write(keys),
		resize(newColumns, newRows) {
			terminal.resize(newColumns, newRows);
			child.resize(newColumns, newRows);
		},
		async waitFor(what, predicate, timeoutMs = 15_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				await flush();
				const current = screen();
				if (predicate(current)) return current;
				if (Date.now() > deadline || exit) {
					throw new Error(`timed out waiting for ${what}; screen:\n${current.join('\n')}`);
				}
				await new Promise(done => setTimeout(done, 50));
			}
		},
		exited(timeoutMs = 10_000) {
			if (exit) return Promise.resolve(exit);
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error('the monitor did not exit')), timeoutMs);
				exitWaiters.push(event => {
					clearTimeout(timer);
					void flush().then(() => resolve(event));
				});
			});
		},
		kill() {
			if (!exit) child.kill('SIGKILL');
			terminal.dispose();
		},
	};
}

/** The last cursor-visibility sequence the program wrote was "show". */
export function cursorShown(output: string): boolean {
	return output.lastIndexOf('\u001b[?25h') > output.lastIndexOf('\u001b[?25l');
}
