// Knobs for longer or shorter runs; the defaults keep one `npm run bench` under ~5 minutes.
// The CPU window opens two minutes after start: V8 keeps compiling the monitor's hot code with
// its optimising compiler, on background threads, for the first minutes (measured: 1.3 % of a
// core 60–90 s after start, 1.0 % 120–180 s after), and a monitor runs for hours. The cost of
// those first minutes is printed too, beside htop's.

function number(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
	return value;
}

export interface BenchSettings {
	readonly cols: number;
	readonly rows: number;
	/** Steady-state window for bytes and CPU, scaled to a minute (BENCH_SECONDS=60 for a full one). */
	readonly windowSeconds: number;
	readonly warmupSeconds: number;
	/** How long the monitor runs in all before its RSS is read again (BENCH_SOAK_MINUTES=60 for the hour). */
	readonly soakMinutes: number;
	/** Runs per start-up figure. */
	readonly startupRuns: number;
	/** Runs of the first-frame figure. */
	readonly frameRuns: number;
	readonly daySamples: number;
	readonly probeRounds: number;
	/** Sections to leave out: terminal, startup, frame, day, probe. */
	readonly skip: ReadonlySet<string>;
}

export function readSettings(): BenchSettings {
	return {
		cols: 100,
		rows: 30,
		windowSeconds: number('BENCH_SECONDS', 30),
		warmupSeconds: number('BENCH_WARMUP_SECONDS', 120),
		soakMinutes: number('BENCH_SOAK_MINUTES', 3),
		startupRuns: number('BENCH_RUNS', 11),
		frameRuns: number('BENCH_FRAME_RUNS', 5),
		daySamples: number('BENCH_DAY_SAMPLES', 86_400),
		probeRounds: number('BENCH_PROBE_ROUNDS', 30),
		skip: new Set((process.env.BENCH_SKIP ?? '').split(',').map(part => part.trim()).filter(Boolean)),
	};
}

export const SETTINGS_HELP = `env: BENCH_SECONDS (window, default 30; 60 = a full minute), BENCH_WARMUP_SECONDS (120),
     BENCH_SOAK_MINUTES (monitor RSS after this long, default 3; 60 = the hour), BENCH_RUNS (11),
     BENCH_FRAME_RUNS (5), BENCH_DAY_SAMPLES (86400), BENCH_PROBE_ROUNDS (30),
     BENCH_SKIP=terminal,startup,frame,day,probe, BENCH_CLI (another build of dist/cli.js)`;
