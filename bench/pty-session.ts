// A program in a real pseudo-terminal of a fixed size, the way an operator's SSH session sees
// it: every byte it writes to the terminal is counted (that is what crosses the SSH link), and
// optionally fed to a headless xterm so the screen can be read.

import xterm from '@xterm/headless';
import pty from 'node-pty';
import {killGroup, killGroupOnExit, onCleanup} from './cleanup.js';

const {Terminal} = xterm;

export interface Chunk {
	/** ms since spawn */
	readonly at: number;
	readonly data: Buffer;
}

export interface PtySessionOptions {
	readonly cols: number;
	readonly rows: number;
	readonly env?: Record<string, string | undefined>;
	readonly cwd?: string;
	/** Keep a headless terminal to read the screen (costs the bench some CPU, not the child). */
	readonly screen?: boolean;
	/** Keep every chunk written (for the frame analysis). */
	readonly record?: boolean;
}

export interface PtySession {
	readonly pid: number;
	/** Bytes the program wrote to the terminal since spawn. */
	readonly bytes: number;
	readonly chunks: readonly Chunk[];
	/** ms since spawn of the first byte written, null before. */
	readonly firstOutputAt: number | null;
	readonly exited: Promise<number>;
	/** The visible screen, one string per row, trailing blanks trimmed. */
	screen(): string[];
	/** Resolves with ms since spawn when the screen satisfies the test; rejects after timeoutMs. */
	waitForScreen(test: (lines: string[]) => boolean, timeoutMs: number): Promise<number>;
	stopRecording(): void;
	dispose(): Promise<void>;
}

/** The child's environment: the bench's own, minus CI (Ink draws only a last frame under CI). */
export function terminalEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries({...process.env, TERM: 'xterm-256color', ...extra})) {
		if (value !== undefined) env[key] = value;
	}
	delete env.CI;
	return env;
}

export function spawnInPty(file: string, args: string[], options: PtySessionOptions): PtySession {
	const started = performance.now();
	const child = pty.spawn(file, args, {
		name: 'xterm-256color',
		cols: options.cols,
		rows: options.rows,
		cwd: options.cwd ?? process.cwd(),
		env: terminalEnv(options.env),
		encoding: null,
	});
	const forget = killGroupOnExit(child.pid);
	const terminal = options.screen ? new Terminal({cols: options.cols, rows: options.rows, allowProposedApi: true}) : null;
	// Answers to terminal queries (cursor position, device attributes) go back to the program.
	terminal?.onData(data => child.write(data));

	let bytes = 0;
	let firstOutputAt: number | null = null;
	let recording = Boolean(options.record);
	const chunks: Chunk[] = [];
	const watchers = new Set<(arrivedAt: number) => void>();
	child.onData(raw => {
		const data = raw as unknown as Buffer;
		const at = performance.now() - started;
		firstOutputAt ??= at;
		bytes += data.length;
		if (recording) chunks.push({at, data: Buffer.from(data)});
		// The time that counts is when the bytes arrived, not when the bench finished parsing them.
		if (terminal)
			terminal.write(data, () => {
				for (const watcher of [...watchers]) watcher(at);
			});
	});
	const exited = new Promise<number>(resolve => child.onExit(({exitCode}) => resolve(exitCode)));
	let alive = true;
	void exited.then(() => {
		alive = false;
	});

	function screen(): string[] {
		if (!terminal) return [];
		const buffer = terminal.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < options.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
		return lines;
	}

	const dispose = onCleanup(async () => {
		if (alive) {
			killGroup(child.pid, 'SIGTERM');
			const timeout = new Promise(resolve => setTimeout(resolve, 1000).unref());
			await Promise.race([exited, timeout]);
			if (alive) killGroup(child.pid, 'SIGKILL');
		}
		forget();
		terminal?.dispose();
	});

	return {
		pid: child.pid,
		get bytes() {
			return bytes;
		},
		chunks,
		get firstOutputAt() {
			return firstOutputAt;
		},
		exited,
		screen,
		waitForScreen(test, timeoutMs) {
			return new Promise((resolve, reject) => {
				let timer: NodeJS.Timeout | undefined;
				const check = (arrivedAt = performance.now() - started) => {
					if (!test(screen())) return;
					watchers.delete(check);
					clearTimeout(timer);
					resolve(arrivedAt);
				};
				timer = setTimeout(() => {
					watchers.delete(check);
					reject(new Error(`screen not reached within ${timeoutMs} ms:\n${screen().join('\n')}`));
				}, timeoutMs);
				watchers.add(check);
				void exited.then(code => {
					if (!watchers.has(check)) return;
					watchers.delete(check);
					clearTimeout(timer);
					reject(new Error(`exited with ${code} before the screen was reached:\n${screen().join('\n')}`));
				});
				check();
			});
		},
		stopRecording() {
			recording = false;
		},
		dispose,
	};
}
