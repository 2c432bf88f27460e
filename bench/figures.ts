// The run's results as rows (figure, ours, anchor, target, verdict) and the details under
// them that say where the figures come from.

import type {DayFigures} from './run-day.js';
import type {ProbeAccuracy} from './run-probe-accuracy.js';
import type {ProgramCost, TerminalFigures} from './run-terminal.js';
import {kb, mb, ms, renderTable, verdict, type Row} from './report.js';
import {SETTINGS_HELP, type BenchSettings} from './settings.js';
import type {Timing} from './startup.js';

const ONCE_BUDGET_MS = 80;
const FIRST_FRAME_BUDGET_MS = 400;
const CPU_BUDGET_PERCENT = 1;
const RSS_BUDGET_BYTES = 100 * 1_000_000;
/** Live heap may grow this much from hour 1 to hour 24 and still count as flat. */
const FLAT_HEAP_SHARE = 0.05;

export interface Results {
	terminal?: TerminalFigures;
	startup?: Map<string, Timing>;
	frame?: {ours: Timing | null; firstOutput: Timing | null; htop: Timing | null; failure: string | null; screen: string[]};
	day?: DayFigures;
	probe?: ProbeAccuracy;
	errors: string[];
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
		figure: `CPU from start to the window (${(((ours ?? htop)?.startAt ?? 0) / 1000).toFixed(0)} s)`,
		ours: ours ? `${ours.warmupCpuPercent.toFixed(2)} %` : na(terminal.monitor),
		anchor: htop ? `htop ${htop.warmupCpuPercent.toFixed(2)} %` : 'htop n/a',
		target: 'shown, not a target',
		verdict: '',
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
		`  a simple changed-cells writer (cursor move + colour + text for every changed run, no scrolling) would send ~${perMinute(frames.cellDiffBytes)}/min; it sent ${perMinute(cost.bytes)}/min`,
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

export interface RunFacts {
	readonly cli: string;
	readonly custom: boolean;
	readonly seconds: number;
	readonly loadBefore: string;
	readonly loadAfter: string;
	readonly cores: number;
}

export function renderReport(results: Results, settings: BenchSettings, facts: RunFacts): string {
	const rows: Row[] = [
		...(results.terminal ? costRows(results.terminal, settings.soakMinutes) : []),
		...(results.terminal ? shownTimeRows(results.terminal) : []),
		...(results.day ? dayRows(results.day) : []),
		...(results.startup ? startupRows(results.startup) : []),
		...(results.frame ? frameRows(results.frame) : []),
		...(results.probe ? probeRows(results.probe) : []),
	];
	const out: string[] = [];
	if (facts.custom) out.push(`build under test: ${facts.cli}`);
	out.push(`stella-doctor-tui cost (issue 8) — ${settings.cols}×${settings.rows} pty, TERM=xterm-256color, monitor --interval 1 vs htop -d 10, local token server`);
	out.push('');
	out.push(renderTable(rows));
	out.push('');
	out.push('Details');
	if (results.terminal) {
		const t = results.terminal;
		out.push(`  probes answered in the window: ${t.probesInWindow} (${((t.probesInWindow / (t.monitor.cost?.windowSeconds ?? settings.windowSeconds)) * 60).toFixed(0)}/min)`);
		for (const line of [...frameDetails('monitor', t.monitor), ...frameDetails('htop', t.htop)]) out.push(`  ${line}`);
		if (t.plainCost) {
			out.push(
				`  the same monitor with no screen (plain lines, stdout a pipe, same window): CPU ${t.plainCost.cpuPercent.toFixed(2)} % of one core, RSS ${mb(t.plainCost.rssBytes)}`,
			);
		}
		out.push('  response time shown: the TUI status line vs that plain monitor on the same server; a gap is time the drawing kept the probe waiting');
		if (t.rssTrail.length > 0) out.push(`  monitor RSS trail: ${t.rssTrail.map(point => `${point.seconds.toFixed(0)} s ${mb(point.rss)}`).join(', ')}`);
	}
	if (results.startup) {
		for (const [name, timing] of results.startup) {
			out.push(
				`  ${name.padEnd(12)} wall median ${ms(timing.median)}, min ${ms(timing.min)}, max ${ms(timing.max)} over ${timing.runs} runs; CPU median ${timing.cpuMedian === null ? '?' : ms(timing.cpuMedian)}; exit codes ${timing.exitCodes.join(',')}`,
			);
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
		out.push('    (the day runs in seconds, so V8 sizes its young generation for thousands of samples a second: RSS rises with that, live heap is the figure that says "flat")');
	}
	for (const error of results.errors) out.push(`  ERROR ${error}`);
	out.push('');
	out.push(`total ${facts.seconds.toFixed(0)} s; load average ${facts.loadBefore} at start, ${facts.loadAfter} at end (${facts.cores} cores)`);
	out.push(SETTINGS_HELP);
	return out.join('\n');
}
