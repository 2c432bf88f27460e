// `npm run bench`: the cost of stella-doctor-tui on a bastion host, every figure beside its
// anchor (htop, bare Node, curl) and its target, from one run. Issue 8. Prints figures only;
// nothing here is a test. Knobs: see settings.ts (BENCH_SECONDS=60 BENCH_SOAK_MINUTES=60 for
// the long figures).

import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {cleanupAll, installCleanupHandlers, onCleanup} from './cleanup.js';
import {renderReport, type Results} from './figures.js';
import {runDay} from './run-day.js';
import {runProbeAccuracy} from './run-probe-accuracy.js';
import {runTerminal} from './run-terminal.js';
import {readSettings} from './settings.js';
import {timeFirstFrame, timeInterleaved} from './startup.js';
import {startTokenServer} from './token-server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
// BENCH_CLI points the whole run at another build (e.g. a variant being tried out).
const cli = resolve(root, process.env.BENCH_CLI ?? 'dist/cli.js');

/**
 * The first full frame: the status badge of the first probe, and the chart with that probe
 * plotted (an axis row carrying a line glyph, not only the dotted threshold line).
 */
function monitorFrameComplete(lines: string[]): boolean {
	const badge = lines.some(line => /^\s*(PASS|WARN|FAIL)\b/.test(line));
	const plotted = lines.some(line => /\d\s*[┤┼].*[─╭╮╯╰│×]/.test(line));
	return badge && plotted;
}

function htopFrameComplete(lines: string[]): boolean {
	return lines.some(line => /Load average/.test(line)) && lines.some(line => /\bPID\b.*Command/.test(line));
}

function log(text: string): void {
	process.stderr.write(`[bench] ${text}\n`);
}

async function section<T>(name: string, skip: ReadonlySet<string>, results: Results, work: () => Promise<T>): Promise<T | undefined> {
	if (skip.has(name)) return undefined;
	const started = performance.now();
	log(`${name} …`);
	try {
		return await work();
	} catch (error) {
		results.errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
		return undefined;
	} finally {
		log(`${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	}
}

function loadAverage(): string {
	try {
		return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
	} catch {
		return '?';
	}
}

async function main(): Promise<void> {
	installCleanupHandlers();
	const settings = readSettings();
	if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` (npm run bench does)`);
	const started = performance.now();
	const loadBefore = loadAverage();
	const server = await startTokenServer();
	onCleanup(() => server.close());
	const results: Results = {errors: []};
	// htop is the anchor of half the figures: without it they would print as n/a and the run
	// would look complete.
	if (spawnSync('htop', ['--version'], {stdio: 'ignore'}).error) {
		results.errors.push('htop is not installed (Debian package htop: apt-get install htop); its anchor figures are missing');
	}

	results.terminal = await section('terminal', settings.skip, results, () => runTerminal(cli, server, settings));

	results.startup = await section('startup', settings.skip, results, () =>
		timeInterleaved(
			[
				{name: 'node', file: process.execPath, args: ['-e', '0']},
				{name: 'once', file: process.execPath, args: [cli, '--once', '--endpoint', server.url]},
				{name: 'curl', file: 'curl', args: ['-s', '-o', '/dev/null', '-X', 'POST', '-d', 'grant_type=client_credentials', server.url]},
				// Diagnostics, to say where --once's time goes: loading the bundle without probing,
				// and the same run without V8's background optimisation of undici's llhttp WASM,
				// which Node waits for at exit.
				{name: 'help', file: process.execPath, args: [cli, '--help']},
				{name: 'once-liftoff', file: process.execPath, args: ['--liftoff-only', cli, '--once', '--endpoint', server.url]},
			],
			settings.startupRuns,
		),
	);

	results.frame = await section('frame', settings.skip, results, async () => {
		const size = {cols: settings.cols, rows: settings.rows, timeoutMs: 5000};
		const htop = await timeFirstFrame('htop', ['-d', '10'], htopFrameComplete, {...size, rounds: settings.frameRuns}).catch(() => null);
		try {
			const ours = await timeFirstFrame(process.execPath, [cli, '--endpoint', server.url, '--interval', '1'], monitorFrameComplete, {
				...size,
				rounds: settings.frameRuns,
			});
			return {ours: ours.timing, firstOutput: ours.firstOutput, htop: htop?.timing ?? null, failure: null, screen: ours.lastScreen};
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			return {ours: null, firstOutput: null, htop: htop?.timing ?? null, failure: message, screen: []};
		}
	});

	results.day = await section('day', settings.skip, results, () => runDay(settings.daySamples));
	results.probe = await section('probe', settings.skip, results, () => runProbeAccuracy(settings.probeRounds));

	console.log(
		renderReport(results, settings, {
			cli,
			custom: process.env.BENCH_CLI !== undefined,
			seconds: (performance.now() - started) / 1000,
			loadBefore,
			loadAfter: loadAverage(),
			cores: availableParallelism(),
		}),
	);
	if (results.errors.length > 0) process.exitCode = 1;
}

try {
	await main();
} catch (error) {
	console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
} finally {
	await cleanupAll();
}
