// Runs runbook steps one at a time and keeps what the UI shows: the step, the tail of its
// output, its outcome. A plain object with subscribe/getState, so the Ink hook is a thin
// wrapper and tests can drive it without a terminal.

import {performance} from 'node:perf_hooks';
import type {FilledCommand, RunbookStep} from '../../checks/runbook.js';
import {formatFilledCommand} from '../../checks/runbook.js';
import type {EnvironmentId} from '../../checks/types.js';
import {LineRing} from './line-ring.js';
import {runCommand, type CommandHandle, type CommandResult, type OutputLine} from './run-command.js';

export interface RunRequest {
	readonly environment: EnvironmentId;
	readonly step: RunbookStep;
	/** The step with its placeholders filled (see fillStep). */
	readonly command: FilledCommand;
}

/** One step run, as the timeline and the audit log record it. */
export interface RunRecord extends CommandResult {
	/** Wall-clock start, epoch ms. */
	readonly startedAt: number;
	readonly environment: EnvironmentId;
	readonly stepId: string;
	readonly label: string;
	readonly changesState: boolean;
	readonly argv: readonly string[];
	readonly pipeTo: readonly string[] | null;
	readonly commandLine: string;
}

export interface CurrentStep {
	readonly environment: EnvironmentId;
	readonly stepId: string;
	readonly label: string;
	readonly commandLine: string;
	readonly longRunning: boolean;
	readonly startedAt: number;
	/** Monotonic start (performance.now), for a ticking elapsed time. */
	readonly startedAtMono: number;
}

export interface RunnerState {
	readonly running: boolean;
	/** The step running now, or the last one run; null before the first. */
	readonly current: CurrentStep | null;
	/** The tail of its output. */
	readonly lines: readonly OutputLine[];
	/** Lines that scrolled out of the ring. */
	readonly droppedLines: number;
	/** Outcome of `current` once it finished. */
	readonly result: RunRecord | null;
}

export interface StepRunnerOptions {
	/** Environment of the steps and the PATH they are looked up in (default process.env). */
	readonly env?: NodeJS.ProcessEnv;
	readonly cwd?: string;
	/** Timeout of an ordinary step (default 2 min); 0 for none. */
	readonly timeoutMs?: number;
	/** Timeout of a step that runs until cancelled (default 30 min); 0 for none. */
	readonly longRunningTimeoutMs?: number;
	/** Between SIGTERM and SIGKILL (default 2 s). */
	readonly graceMs?: number;
	/** Output lines kept (default 500). */
	readonly maxLines?: number;
	/** Longest output line kept, in characters (default 500). */
	readonly maxLineLength?: number;
	/** Wall clock (epoch ms) for start times. */
	readonly clock?: () => number;
}

export const DEFAULT_STEP_TIMEOUT_MS = 120_000;
export const DEFAULT_LONG_STEP_TIMEOUT_MS = 30 * 60_000;
export const DEFAULT_GRACE_MS = 2_000;

const IDLE: RunnerState = Object.freeze({running: false, current: null, lines: [], droppedLines: 0, result: null});

export class StepRunner {
	readonly #options: StepRunnerOptions;
	readonly #ring: LineRing<OutputLine>;
	readonly #listeners = new Set<() => void>();
	readonly #finishedListeners = new Set<(record: RunRecord) => void>();
	#state: RunnerState = IDLE;
	#handle: CommandHandle | null = null;
	#finishing: Promise<RunRecord> | null = null;
	#disposed = false;
	#notifyQueued = false;

	constructor(options: StepRunnerOptions = {}) {
		this.#options = options;
		this.#ring = new LineRing(options.maxLines ?? 500);
	}

	getState = (): RunnerState => this.#state;

	/** Called (batched per output chunk) whenever getState() changes. */
	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	};

	/** Called once per finished step: probe now, add to the timeline, write the audit log. */
	onFinished(listener: (record: RunRecord) => void): () => void {
		this.#finishedListeners.add(listener);
		return () => this.#finishedListeners.delete(listener);
	}

	get running(): boolean {
		return this.#handle !== null;
	}

	/** Starts a step; false (and nothing happens) while another one runs or after dispose. */
	start(request: RunRequest): boolean {
		if (this.#handle || this.#disposed) return false;
		const {step, command, environment} = request;
		const clock = this.#options.clock ?? Date.now;
		const current: CurrentStep = {
			environment,
			stepId: step.id,
			label: step.label,
			commandLine: formatFilledCommand(command),
			longRunning: step.longRunning,
			startedAt: clock(),
			startedAtMono: performance.now(),
		};
		this.#ring.clear();
		this.#state = {running: true, current, lines: [], droppedLines: 0, result: null};
		this.#notify();

		const timeoutMs = step.longRunning
			? (this.#options.longRunningTimeoutMs ?? DEFAULT_LONG_STEP_TIMEOUT_MS)
			: (this.#options.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS);
		const handle = runCommand(command, {
			env: this.#options.env ?? process.env,
			cwd: this.#options.cwd,
			timeoutMs,
			graceMs: this.#options.graceMs ?? DEFAULT_GRACE_MS,
			maxLineLength: this.#options.maxLineLength,
			now: () => performance.now(),
			onLine: line => {
				this.#ring.push(line);
				this.#queueNotify();
			},
		});
		this.#handle = handle;
		this.#finishing = handle.done.then(result => this.#finish(current, step, command, result));
		return true;
	}

	/** Ends the running step's process groups; false when nothing runs. */
	cancel(): boolean {
		if (!this.#handle) return false;
		this.#handle.cancel();
		return true;
	}

	/** Resolves with the running step's record once it ended (null when idle). */
	async whenIdle(): Promise<RunRecord | null> {
		return this.#finishing ? this.#finishing : null;
	}

	/** Cancels what runs, waits until its groups are gone, refuses further steps. */
	async dispose(): Promise<void> {
		this.#disposed = true;
		this.cancel();
		await this.whenIdle();
		this.#listeners.clear();
		this.#finishedListeners.clear();
	}

	#finish(current: CurrentStep, step: RunbookStep, command: FilledCommand, result: CommandResult): RunRecord {
		const record: RunRecord = {
			...result,
			startedAt: current.startedAt,
			environment: current.environment,
			stepId: step.id,
			label: step.label,
			changesState: step.changesState,
			argv: command.argv,
			pipeTo: command.pipeTo,
			commandLine: current.commandLine,
		};
		this.#handle = null;
		this.#finishing = null;
		this.#state = {running: false, current, lines: this.#ring.toArray(), droppedLines: this.#ring.dropped, result: record};
		this.#notify();
		for (const listener of this.#finishedListeners) {
			try {
				listener(record);
			} catch {
				// A failing listener (e.g. the audit log) must not break the runner or the others.
			}
		}
		return record;
	}

	// Lines of one chunk arrive synchronously: one update for all of them.
	#queueNotify(): void {
		if (this.#notifyQueued) return;
		this.#notifyQueued = true;
		queueMicrotask(() => {
			this.#notifyQueued = false;
			if (!this.#handle || !this.#state.current) return;
			this.#state = {...this.#state, lines: this.#ring.toArray(), droppedLines: this.#ring.dropped};
			this.#notify();
		});
	}

	#notify(): void {
		for (const listener of this.#listeners) listener();
	}
}
