// Runs one filled runbook command: argv only, never a shell; each process the leader of its
// own process group (detached), stdin closed, stdout and stderr streamed line by line.
// Cancel, timeout and the end of the step all end the whole group, so nothing a step spawned
// outlives it.

import {spawn, type ChildProcess} from 'node:child_process';
import type {Readable} from 'node:stream';
import type {FilledCommand} from '../../checks/runbook.js';
import {sanitizeLine} from '../text/sanitize.js';
import {findProgram, notFoundMessage} from './find-program.js';
import {LineSplitter} from './line-splitter.js';
import {groupExists, registerGroup, terminateGroup, unregisterGroup} from './process-groups.js';

export type OutputStream = 'stdout' | 'stderr' | 'info';

export interface OutputLine {
	readonly stream: OutputStream;
	/** Already sanitized and cut. */
	readonly text: string;
}

export interface CommandResult {
	/** The command's exit code; for the pipeline kubectl's when it failed, else grep's. */
	readonly exitCode: number | null;
	readonly signal: NodeJS.Signals | null;
	readonly durationMs: number;
	readonly cancelled: boolean;
	readonly timedOut: boolean;
	/** One line when the command could not run at all (program missing, spawn failure). */
	readonly error: string | null;
}

export interface RunCommandOptions {
	/** Environment of the child, and the PATH programs are looked up in. */
	readonly env: NodeJS.ProcessEnv;
	readonly cwd?: string;
	/** The command is ended (whole group) after this long; 0 for never. */
	readonly timeoutMs: number;
	/** Between SIGTERM and SIGKILL. */
	readonly graceMs: number;
	readonly maxLineLength?: number;
	/** Monotonic milliseconds, for the duration. */
	readonly now: () => number;
	readonly onLine: (line: OutputLine) => void;
}

export interface CommandHandle {
	readonly done: Promise<CommandResult>;
	/** Process group ids of the processes started (one, or two for the pipeline). */
	readonly pgids: readonly number[];
	cancel(): void;
}

interface Proc {
	readonly child: ChildProcess;
	readonly program: string;
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	error: string | null;
	closed: boolean;
}

// After the group was killed, a process that escaped it (setsid) may still hold our pipes
// open; stop waiting for them after this long.
const CLOSE_AFTER_KILL_MS = 500;

function finished(result: CommandResult): CommandHandle {
	return {done: Promise.resolve(result), pgids: [], cancel() {}};
}

export function runCommand(command: FilledCommand, options: RunCommandOptions): CommandHandle {
	const {env, now, onLine, graceMs} = options;
	const startedAt = now();
	const commands = command.pipeTo ? [command.argv, command.pipeTo] : [command.argv];

	for (const argv of commands) {
		const program = argv[0] ?? '';
		if (findProgram(program, env) === null) {
			const message = notFoundMessage(sanitizeLine(program) || '(empty command)');
			onLine({stream: 'info', text: message});
			return finished({exitCode: null, signal: null, durationMs: now() - startedAt, cancelled: false, timedOut: false, error: message});
		}
	}

	let cancelled = false;
	let timedOut = false;
	let killing = false;
	let resolveDone!: (result: CommandResult) => void;
	const done = new Promise<CommandResult>(resolve => {
		resolveDone = resolve;
	});

	const procs: Proc[] = [];
	for (const [index, argv] of commands.entries()) {
		const program = argv[0] as string;
		let child: ChildProcess;
		try {
			child = spawn(findProgram(program, env) as string, argv.slice(1), {
				argv0: program,
				env,
				cwd: options.cwd,
				detached: true,
				shell: false,
				// Only the pipeline's second process reads: from the first one's stdout.
				stdio: [index === 0 ? 'ignore' : 'pipe', 'pipe', 'pipe'],
				windowsHide: true,
			});
		} catch (error) {
			// Invalid arguments (a NUL byte) throw at once: report them, end what started.
			for (const started of procs) if (started.child.pid !== undefined) void terminateGroup(started.child.pid, 0);
			const message = `${sanitizeLine(program)}: ${sanitizeLine((error as Error).message)}`;
			onLine({stream: 'info', text: message});
			return finished({exitCode: null, signal: null, durationMs: now() - startedAt, cancelled: false, timedOut: false, error: message});
		}
		if (child.pid !== undefined) registerGroup(child.pid);
		procs.push({child, program, exitCode: null, signal: null, error: null, closed: false});
	}
	const [first, second] = procs as [Proc, Proc | undefined];

	const splitters: Array<{splitter: LineSplitter; stream: OutputStream}> = [];
	const follow = (readable: Readable | null, stream: OutputStream): void => {
		if (!readable) return;
		const splitter = new LineSplitter({maxLineLength: options.maxLineLength});
		splitters.push({splitter, stream});
		readable.on('data', (chunk: Buffer) => {
			for (const text of splitter.push(chunk)) onLine({stream, text});
		});
		readable.on('error', () => {});
	};

	if (second) {
		// The spec's `kubectl describe … | grep …`, without a shell: kubectl's stdout feeds
		// grep's stdin. When grep ends, kubectl's side is closed as a shell's pipe would be.
		second.child.stdin?.on('error', () => {});
		first.child.stdout?.pipe(second.child.stdin!);
		first.child.stdout?.on('error', () => {});
		follow(first.child.stderr, 'stderr');
		follow(second.child.stdout, 'stdout');
		follow(second.child.stderr, 'stderr');
	} else {
		follow(first.child.stdout, 'stdout');
		follow(first.child.stderr, 'stderr');
	}

	const timer = options.timeoutMs > 0
		? setTimeout(() => {
				timedOut = true;
				void killAll();
			}, options.timeoutMs)
		: null;

	async function killAll(): Promise<void> {
		if (killing) return;
		killing = true;
		await Promise.all(procs.map(proc => (proc.child.pid === undefined ? undefined : terminateGroup(proc.child.pid, graceMs))));
		if (procs.every(proc => proc.closed)) return;
		setTimeout(() => {
			for (const proc of procs) for (const stream of [proc.child.stdout, proc.child.stderr]) stream?.destroy();
		}, CLOSE_AFTER_KILL_MS).unref();
	}

	function settle(): void {
		if (!procs.every(proc => proc.closed)) return;
		if (timer) clearTimeout(timer);
		for (const {splitter, stream} of splitters) for (const text of splitter.end()) onLine({stream, text});
		const spawnError = procs.find(proc => proc.error !== null)?.error ?? null;
		// Pipeline status: the first process's failure explains more than grep's "no match".
		const decisive = second && (first.exitCode !== 0 || first.signal !== null) ? first : (second ?? first);
		resolveDone({
			exitCode: decisive.exitCode,
			signal: decisive.signal,
			durationMs: now() - startedAt,
			cancelled,
			timedOut,
			error: spawnError,
		});
	}

	for (const proc of procs) {
		const {child} = proc;
		child.on('error', error => {
			proc.error = `${sanitizeLine(proc.program)}: ${sanitizeLine(error.message)}`;
			onLine({stream: 'info', text: proc.error});
			if (child.pid === undefined && !proc.closed) {
				proc.closed = true;
				settle();
			}
		});
		child.on('exit', () => {
			const pgid = child.pid;
			if (pgid === undefined) return;
			// The leader is gone; anything it left behind in its group goes with it.
			if (groupExists(pgid)) void terminateGroup(pgid, graceMs);
			else unregisterGroup(pgid);
			// A finished grep closes the pipe for kubectl, as SIGPIPE would in a shell.
			if (proc === second) first.child.stdout?.destroy();
		});
		child.on('close', (code, signal) => {
			if (proc.closed) return;
			proc.exitCode = code;
			proc.signal = signal;
			proc.closed = true;
			settle();
		});
	}

	return {
		done,
		pgids: procs.flatMap(proc => (proc.child.pid === undefined ? [] : [proc.child.pid])),
		cancel() {
			if (procs.every(proc => proc.closed)) return;
			cancelled = true;
			void killAll();
		},
	};
}
