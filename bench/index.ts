// `npm run bench`: the cost of stella-doctor-tui on a bastion host, every figure beside its
// anchor (htop, bare Node, curl) and its target, from one run. Issue 8. Prints figures only;
// nothing here is a test. Knobs: see settings.ts (BENCH_SECONDS=60 BENCH_SOAK_MINUTES=60 for
// the long figures).

import {existsSync, readFileSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {cleanupAll, installCleanupHandlers, onCleanup} from './cleanup.js';
import {kb, mb, ms, renderTable, verdict, type Row} from './report.js';
import {runDay, type DayFigures} from './run-day.js';
import {runProbeAccuracy, type ProbeAccuracy} from './run-probe-accuracy.js';
import {runTerminal, type ProgramCost, type TerminalFigures} from './run-terminal.js';
import {readSettings, SETTINGS_HELP} from './settings.js';
import {timeFirstFrame, timeInterleaved, type Timing} from './startup.js';
import {startTokenServer} from './token-server.js';

const ONCE_BUDGET_MS = 80;
const FIRST_FRAME_BUDGET_MS = 400;
const CPU_BUDGET_PERCENT = 1;
const RSS_BUDGET_BYTES = 100 * 1_000_000;
/** Live heap may grow this much from hour 1 to hour 24 and still count as flat. */
const FLAT_HEAP_SHARE = 0.05;

const root = fileURLToPath(new URL('..', import.meta.url));
// BENCH_CLI points the whole run at another build (e.g. a variant being tried out).
const cli = resolve(root, process.env.BENCH_CLI ?? 'dist/cli.js');

/**
 * The first full frame: the status badge of the first probe, and the chart with that probe
 * plotted (an axis row carrying a line glyph, not only the dotted threshold line).
 */
export function monitorFrameComplete(lines: string[]): boolean {
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

interface Results {
	terminal?: TerminalFigures;
	startup?: Map<string, Timing>;
	frame?: {ours: Timing | null; firstOutput: Timing | null; htop: Timing | null; failure: string | null; screen: string[]};
	day?: DayFigures;
	probe?: ProbeAccuracy;
	errors: string[];
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

function costRows(terminal: TerminalFigures, soakMinutes: number): Row[] {
	const ours = terminal.monitor.cost;
	const htop = terminal.htop.cost;
	const na = (program: ProgramCost) => (program.failure ? 'n/a' : '?');
	const rows: Row[] = [];
	const window = (ours ?? htop)?.windowSeconds ?? 0;
	const scaled = window < 59 ? ` (${window.toFixed(0)} s window ×${(60 / window).toFixed(1)})` : '';
	rows.push({
		figure: `bytes to terminal /min${scaled}`,
		ours: ours ? kb(ours.bytesPerMinute) : na(terminal.monitor),
		anchor: htop ? `htop ${kb(htop.bytesPerMinute)}` : 'htop n/a',
		target: '<= htop',
		verdict: verdict(ours && htop ? ours.bytesPerMinute <= htop.bytesPerMinute : null),
	});
	rows.push({
		figure: 'bytes ratio ours/htop',
		ours: ours && htop ? `${(ours.bytesPerMinute / htop.bytesPerMinute).toFixed(2)}×` : 'n/a',
		anchor: '1.00×',
		target: '<= 1',
		verdict: verdict(ours && htop ? ours.bytesPerMinute <= htop.bytesPerMinute : null),
	});
	rows.push({
		figure: 'CPU s /min (% of one core)',
		ours: ours ? `${ours.cpuSecondsPerMinute.toFixed(2)} s (${ours.cpuPercent.toFixed(2)} %)` : na(terminal.monitor),
		anchor: htop ? `htop ${htop.cpuSecondsPerMinute.toFixed(2)} s (${htop.cpuPercent.toFixed(2)} %)` : 'htop n/a',
		target: `<= ${CPU_BUDGET_PERCENT} % and <= htop`,
		verdict: verdict(ours && htop ? ours.cpuPercent <= CPU_BUDGET_PERCENT && ours.cpuSecondsPerMinute <= htop.cpuSecondsPerMinute : null),
	});
	rows.push({
		figure: 'RSS at end of window',
		ours: ours ? mb(ours.rssBytes) : na(terminal.monitor),
		anchor: htop ? `htop ${mb(htop.rssBytes)}` : 'htop n/a',
		target: '< 100 MB',
		verdict: verdict(ours ? ours.rssBytes < RSS_BUDGET_BYTES : null),
	});
	const trail = terminal.rssTrail;
	const last = trail.at(-1);
	if (ours && last) {
		const afterWarmup = trail.find(point => point.seconds * 1000 >= ours.startAt) ?? trail[0];
		rows.push({
			figure: `RSS of monitor after ${(last.seconds / 60).toFixed(1)} min at 1 s`,
			ours: `${mb(last.rss)} (${afterWarmup ? `${mb(afterWarmup.rss)} at ${afterWarmup.seconds.toFixed(0)} s` : ''})`,
			anchor: soakMinutes < 60 ? 'BENCH_SOAK_MINUTES=60 for the hour' : '',
			target: '< 100 MB',
			verdict: verdict(last.rss < RSS_BUDGET_BYTES),
		});
	}
	return rows;
}

function dayRows(day: DayFigures): Row[] {
	const hour1 = day.hours[0] ?? day.before;
	const peakRss = Math.max(day.before.rss, day.after.rss, ...day.hours.map(hour => hour.rss));
	const heapGrowth = day.after.heapUsed - hour1.heapUsed;
	const label = `${day.samples.toLocaleString('en')} samples`;
	return [
		{
			figure: `heap after GC, ${label}`,
			ours: `${mb(day.before.heapUsed)} → 1 h ${mb(hour1.heapUsed)} → end ${mb(day.after.heapUsed)}`,
			anchor: `${heapGrowth >= 0 ? '+' : ''}${kb(heapGrowth)} after hour 1`,
			target: `flat (< ${FLAT_HEAP_SHARE * 100} % after hour 1)`,
			verdict: verdict(heapGrowth <= hour1.heapUsed * FLAT_HEAP_SHARE),
		},
		{
			figure: `RSS, ${label}`,
			ours: `${mb(day.before.rss)} → 1 h ${mb(hour1.rss)} → end ${mb(day.after.rss)}`,
			anchor: `peak ${mb(peakRss)}`,
			target: '< 100 MB',
			verdict: verdict(peakRss < RSS_BUDGET_BYTES),
		},
	];
}

function startupRows(startup: Map<string, Timing>): Row[] {
	const once = startup.get('once');
	const node = startup.get('node');
	const curl = startup.get('curl');
	if (!once || !node) return [];
	return [
		{
			figure: `--once wall time (median of ${once.runs})`,
			ours: ms(once.median),
			anchor: `node -e 0 ${ms(node.median)}${curl ? `, curl ${ms(curl.median)}` : ''}`,
			target: `<= node -e 0 + ${ONCE_BUDGET_MS} ms (${ms(node.median + ONCE_BUDGET_MS)})`,
			verdict: verdict(once.median <= node.median + ONCE_BUDGET_MS),
		},
	];
}

function frameRows(frame: NonNullable<Results['frame']>): Row[] {
	return [
		{
			figure: `first full frame in pty (median of ${frame.ours?.runs ?? 0})`,
			ours: frame.ours ? ms(frame.ours.median) : 'n/a',
			anchor: frame.htop ? `htop ${ms(frame.htop.median)}` : 'htop n/a',
			target: `<= ${FIRST_FRAME_BUDGET_MS} ms`,
			verdict: verdict(frame.ours ? frame.ours.median <= FIRST_FRAME_BUDGET_MS : null),
		},
	];
}

function probeRows(probe: ProbeAccuracy): Row[] {
	return [
		{
			figure: `probe time vs curl (median of ${probe.rounds})`,
			ours: `${ms(probe.probeMs)} (${probe.medianDifferenceMs >= 0 ? '+' : ''}${probe.medianDifferenceMs.toFixed(2)} ms)`,
			anchor: `curl ${ms(probe.curlMs)}`,
			target: 'within 2 ms',
			verdict: verdict(Math.abs(probe.medianDifferenceMs) <= 2),
		},
	];
}

function frameDetails(name: string, program: ProgramCost): string[] {
	if (program.failure) return [`${name}: ${program.failure}`];
	const frames = program.frames;
	const cost = program.cost;
	if (!frames || !cost) return [];
	const perMinute = (bytes: number) => kb((bytes / cost.windowSeconds) * 60);
	return [
		`${name}: ${(frames.frames / cost.windowSeconds).toFixed(1)} frames/s; bytes/frame mean ${Math.round(frames.bytesPerFrameMean)}, max ${frames.bytesPerFrameMax}`,
		`  per frame (mean): ${frames.changedRowsMean.toFixed(1)} rows changed, ${frames.rewrittenRowsMean.toFixed(1)} rows erased to end of line, ${frames.changedCellsMean.toFixed(0)} cells changed`,
		`  sending only the changed cells would take ~${perMinute(frames.cellDiffBytes)}/min (cursor move + colour + text per changed run) instead of ${perMinute(cost.bytes)}/min`,
		`  bytes by kind: ${frames.byKind
			.slice(0, 8)
			.map(kind => `${kind.kind} ${((kind.bytes / Math.max(1, cost.bytes)) * 100).toFixed(0)} % (${kind.count}×)`)
			.join('; ')}`,
	];
}

function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** What the screen says the response time is, against the same probe with no screen to draw. */
function shownTimeRows(terminal: TerminalFigures): Row[] {
	const shown = median(terminal.monitor.frames?.readings ?? []);
	const plain = median(terminal.plainReadings);
	if (shown === null && plain === null) return [];
	return [
		{
			figure: 'response time shown (median, local server)',
			ours: shown === null ? 'n/a' : `${ms(shown)} (${terminal.monitor.frames?.readings.length ?? 0} probes)`,
			anchor: plain === null ? 'plain monitor n/a' : `plain monitor ${ms(plain)} (${terminal.plainReadings.length})`,
			target: 'within 2 ms of plain',
			verdict: verdict(shown !== null && plain !== null ? Math.abs(shown - plain) <= 2 : null),
		},
	];
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

	const rows: Row[] = [
		...(results.terminal ? costRows(results.terminal, settings.soakMinutes) : []),
		...(results.terminal ? shownTimeRows(results.terminal) : []),
		...(results.day ? dayRows(results.day) : []),
		...(results.startup ? startupRows(results.startup) : []),
		...(results.frame ? frameRows(results.frame) : []),
		...(results.probe ? probeRows(results.probe) : []),
	];

	const out: string[] = [];
	if (process.env.BENCH_CLI) out.push(`build under test: ${cli}`);
	out.push(`stella-doctor-tui cost (issue 8) — ${settings.cols}×${settings.rows} pty, TERM=xterm-256color, monitor --interval 1 vs htop -d 10, local token server`);
	out.push('');
	out.push(renderTable(rows));
	out.push('');
	out.push('Details');
	if (results.terminal) {
		const t = results.terminal;
		out.push(`  probes answered in the window: ${t.probesInWindow} (${((t.probesInWindow / (t.monitor.cost?.windowSeconds ?? settings.windowSeconds)) * 60).toFixed(0)}/min)`);
		for (const line of [...frameDetails('monitor', t.monitor), ...frameDetails('htop', t.htop)]) out.push(`  ${line}`);
		if (t.rssTrail.length > 0) out.push(`  monitor RSS trail: ${t.rssTrail.map(point => `${point.seconds.toFixed(0)} s ${mb(point.rss)}`).join(', ')}`);
	}
	if (results.startup) {
		for (const [name, timing] of results.startup) {
			out.push(`  ${name.padEnd(12)} median ${ms(timing.median)}, min ${ms(timing.min)}, max ${ms(timing.max)} over ${timing.runs} runs; exit codes ${timing.exitCodes.join(',')}`);
		}
	}
	if (results.startup) {
		out.push('    (help = `dist/cli.js --help`: bundle load and flag parsing only; once-liftoff = `node --liftoff-only dist/cli.js --once`)');
	}
	if (results.frame?.failure) out.push(`  first frame: ${results.frame.failure.split('\n')[0]}`);
	if (results.frame?.ours) {
		const first = results.frame.firstOutput;
		out.push(
			`  first frame: min ${ms(results.frame.ours.min)}, max ${ms(results.frame.ours.max)}; first byte on the terminal after ${first ? ms(first.median) : '?'} (median)`,
		);
	}
	if (results.day) {
		const d = results.day;
		out.push(
			`  simulated day: ${d.samples} samples in ${(d.elapsedMs / 1000).toFixed(1)} s (${((d.elapsedMs * 1000) / d.samples).toFixed(0)} µs each); history ${d.historySize}, timeline ${d.timelineEntries}, window ${d.windowProbes} probes`,
		);
		out.push(`  hourly heap/RSS: ${d.hours.map(hour => `${(hour.heapUsed / 1e6).toFixed(2)}/${(hour.rss / 1e6).toFixed(0)}`).join(' ')} MB`);
	}
	for (const error of results.errors) out.push(`  ERROR ${error}`);
	out.push('');
	out.push(`total ${((performance.now() - started) / 1000).toFixed(0)} s; load average ${loadBefore} at start, ${loadAverage()} at end (${availableParallelism()} cores)`);
	out.push(SETTINGS_HELP);
	console.log(out.join('\n'));
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
