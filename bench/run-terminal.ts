// Bytes, CPU and memory at steady state: the monitor polling once a second and `htop -d 10`
// (refresh once a second), each in its own 100×30 pseudo-terminal, side by side over the
// same window after the same warm-up. The monitor then keeps running for the soak, so its
// RSS can be read again after N minutes.

import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {killGroup, onCleanup} from './cleanup.js';
import {analyseFrames, type FrameAnalysis, type ScreenReader} from './frame-analysis.js';
import {cpuSeconds, treeRssBytes} from './proc.js';
import {spawnInPty, type PtySession} from './pty-session.js';
import type {BenchSettings} from './settings.js';
import {measureWindow, sleep, type WindowCost} from './terminal-cost.js';
import type {TokenServer} from './token-server.js';

export interface ProgramCost {
	readonly command: string;
	/** Null when the program did not keep drawing (it exited): see `failure`. */
	readonly cost: WindowCost | null;
	readonly frames: FrameAnalysis | null;
	readonly failure: string | null;
}

export interface RssPoint {
	readonly seconds: number;
	readonly rss: number;
}

export interface TerminalFigures {
	readonly monitor: ProgramCost;
	readonly htop: ProgramCost;
	/**
	 * Response times (ms) the plain line-per-probe monitor printed during the same window, on
	 * the same server: the same probe with no screen to draw, so any gap to what the TUI shows
	 * is time the drawing kept the probe waiting.
	 */
	readonly plainReadings: readonly number[];
	/** CPU (% of one core) and RSS of that plain monitor over the window: the cost with no screen. */
	readonly plainCost: {readonly cpuPercent: number; readonly rssBytes: number} | null;
	/** Probes the local server answered during the window (should be about one a second). */
	readonly probesInWindow: number;
	/** The monitor's RSS over its whole run, every few seconds. */
	readonly rssTrail: readonly RssPoint[];
}

function tail(session: PtySession): string {
	const text = Buffer.concat(session.chunks.map(chunk => chunk.data)).toString('utf8');
	// For the report only: strip escape sequences and control characters.
	return text
		.replace(/\x1b\[[0-9;?<>=]*[ -\/]*[@-~]|\x1b\][^\x07]*\x07|\x1b./g, '')
		.replace(/[\x00-\x09\x0b-\x1f\x7f]/g, '')
		.trim()
		.slice(-300);
}

/**
 * How many probes the screen says were made: the pass, warn and fail counts of the "since start"
 * stats row, else the chart title's count (which stops growing once the chart is full).
 */
function probesMade(screen: string[]): string | undefined {
	for (const line of screen) {
		// "… 100%    6    0    0", or "… 100% 6/0/0" where the stats sit beside the evidence.
		const counts = /^since start\b.*?(\d+)(?:\s+|\/)(\d+)(?:\s+|\/)(\d+)$/.exec(line.trimEnd());
		if (counts) return String(Number(counts[1]) + Number(counts[2]) + Number(counts[3]));
	}
	return screen.map(line => /\b(\d+) probes?\b/.exec(line)?.[1]).find(Boolean);
}

/** The response time on the TUI's status line, read once per new probe (the probe count moved on). */
export const readShownResponseTime: ScreenReader = (lines, previous) => {
	const count = probesMade;
	if (count(lines) === undefined || count(lines) === count(previous)) return null;
	const shown = lines.map(line => /^\s*(?:PASS|WARN|FAIL)\s+(\d+(?:\.\d+)?) ms/.exec(line)?.[1]).find(Boolean);
	return shown === undefined ? null : Number(shown);
};

/** The plain monitor (stdout a pipe) beside the TUI; collects the ms of each probe it prints. */
function startPlainMonitor(cliPath: string, url: string): {pid: number | undefined; readings: (from: number, to: number) => number[]; stop: () => Promise<void>} {
	const child = spawn(process.execPath, [cliPath, '--endpoint', url, '--interval', '1'], {stdio: ['ignore', 'pipe', 'ignore'], detached: true});
	const lines: {at: number; ms: number}[] = [];
	let pending = '';
	child.stdout.setEncoding('utf8');
	child.stdout.on('data', (text: string) => {
		const parts = (pending + text).split('\n');
		pending = parts.pop() ?? '';
		for (const line of parts) {
			const match = /\b(?:PASS|WARN|FAIL)\s+(\d+(?:\.\d+)?) ms/.exec(line);
			if (match) lines.push({at: performance.now(), ms: Number(match[1])});
		}
	});
	const stop = onCleanup(() => {
		if (child.pid) killGroup(child.pid);
	});
	return {pid: child.pid, readings: (from, to) => lines.filter(line => line.at >= from && line.at < to).map(line => line.ms), stop};
}

async function measureProgram(
	session: PtySession,
	command: string,
	spawnedAt: number,
	settings: BenchSettings,
	read?: ScreenReader,
): Promise<ProgramCost> {
	let exited = false;
	void session.exited.then(() => {
		exited = true;
	});
	const cost = await measureWindow(session, spawnedAt, settings.warmupSeconds * 1000, settings.windowSeconds * 1000);
	session.stopRecording();
	if (exited) return {command, cost: null, frames: null, failure: `exited: ${tail(session) || '(no output)'}`};
	const frames = await analyseFrames(session.chunks, cost.startAt, cost.endAt, settings.cols, settings.rows, read);
	return {command, cost, frames, failure: null};
}

export async function runTerminal(cliPath: string, server: TokenServer, settings: BenchSettings): Promise<TerminalFigures> {
	const size = {cols: settings.cols, rows: settings.rows, record: true};
	// htop reads and may write its settings under $HOME: give it a fresh one (stock settings,
	// nothing of the user's touched).
	const htopHome = mkdtempSync(join(tmpdir(), 'bench-htop-'));
	const removeHome = onCleanup(() => rmSync(htopHome, {recursive: true, force: true}));
	const monitorArgs = [cliPath, '--endpoint', server.url, '--interval', '1'];
	const htopArgs = ['-d', '10'];

	const monitorStart = performance.now();
	const monitor = spawnInPty(process.execPath, monitorArgs, size);
	const htopStart = performance.now();
	const htop = spawnInPty('htop', htopArgs, {...size, env: {HOME: htopHome, XDG_CONFIG_HOME: join(htopHome, '.config')}});
	const plain = startPlainMonitor(cliPath, server.url);

	const rssTrail: RssPoint[] = [];
	const sampleRss = () => {
		const rss = treeRssBytes(monitor.pid);
		if (rss > 0) rssTrail.push({seconds: (performance.now() - monitorStart) / 1000, rss});
	};
	const sampler = setInterval(sampleRss, 5000);

	try {
		const atOpen = {requests: 0, plainCpu: 0, at: 0};
		setTimeout(() => {
			atOpen.requests = server.requests;
			atOpen.plainCpu = plain.pid ? cpuSeconds(plain.pid) : 0;
			atOpen.at = performance.now();
		}, Math.max(0, monitorStart + settings.warmupSeconds * 1000 - performance.now())).unref();
		const windowFrom = monitorStart + settings.warmupSeconds * 1000;
		const [monitorCost, htopCost] = await Promise.all([
			measureProgram(monitor, `node dist/cli.js --endpoint <local> --interval 1`, monitorStart, settings, readShownResponseTime),
			measureProgram(htop, `htop ${htopArgs.join(' ')}`, htopStart, settings),
		]);
		// Two monitors poll the server: the TUI and the plain one beside it.
		const probesInWindow = (server.requests - atOpen.requests) / 2;
		const plainReadings = plain.readings(windowFrom, performance.now());
		const plainSeconds = (performance.now() - atOpen.at) / 1000;
		const plainCost =
			plain.pid && atOpen.at > 0
				? {cpuPercent: ((cpuSeconds(plain.pid) - atOpen.plainCpu) / plainSeconds) * 100, rssBytes: treeRssBytes(plain.pid)}
				: null;
		await Promise.all([htop.dispose(), plain.stop()]);

		// The soak: the same monitor keeps running until soakMinutes after its start.
		if (monitorCost.cost) {
			const remaining = settings.soakMinutes * 60_000 - (performance.now() - monitorStart);
			if (remaining > 0) await Promise.race([sleep(remaining), monitor.exited]);
			sampleRss();
		}
		return {monitor: monitorCost, htop: htopCost, plainReadings, plainCost, probesInWindow, rssTrail};
	} finally {
		clearInterval(sampler);
		await Promise.all([monitor.dispose(), htop.dispose(), plain.stop()]);
		await removeHome();
	}
}
