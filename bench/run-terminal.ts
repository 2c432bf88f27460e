// Bytes, CPU and memory at steady state: the monitor polling once a second and `htop -d 10`
// (refresh once a second), each in its own 100×30 pseudo-terminal, side by side over the
// same window after the same warm-up. The monitor then keeps running for the soak, so its
// RSS can be read again after N minutes.

import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {analyseFrames, type FrameAnalysis} from './frame-analysis.js';
import {treeRssBytes} from './proc.js';
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

async function measureProgram(session: PtySession, command: string, spawnedAt: number, settings: BenchSettings): Promise<ProgramCost> {
	let exited = false;
	void session.exited.then(() => {
		exited = true;
	});
	const cost = await measureWindow(session, spawnedAt, settings.warmupSeconds * 1000, settings.windowSeconds * 1000);
	session.stopRecording();
	if (exited) return {command, cost: null, frames: null, failure: `exited: ${tail(session) || '(no output)'}`};
	const frames = await analyseFrames(session.chunks, cost.startAt, cost.endAt, settings.cols, settings.rows);
	return {command, cost, frames, failure: null};
}

export async function runTerminal(cliPath: string, server: TokenServer, settings: BenchSettings): Promise<TerminalFigures> {
	const size = {cols: settings.cols, rows: settings.rows, record: true};
	// htop reads and may write its settings under $HOME: give it a fresh one (stock settings,
	// nothing of the user's touched).
	const htopHome = mkdtempSync(join(tmpdir(), 'bench-htop-'));
	const monitorArgs = [cliPath, '--endpoint', server.url, '--interval', '1'];
	const htopArgs = ['-d', '10'];

	const monitorStart = performance.now();
	const monitor = spawnInPty(process.execPath, monitorArgs, size);
	const htopStart = performance.now();
	const htop = spawnInPty('htop', htopArgs, {...size, env: {HOME: htopHome, XDG_CONFIG_HOME: join(htopHome, '.config')}});

	const rssTrail: RssPoint[] = [];
	const sampleRss = () => {
		const rss = treeRssBytes(monitor.pid);
		if (rss > 0) rssTrail.push({seconds: (performance.now() - monitorStart) / 1000, rss});
	};
	const sampler = setInterval(sampleRss, 5000);

	try {
		const requestsBefore = {value: 0};
		setTimeout(() => {
			requestsBefore.value = server.requests;
		}, settings.warmupSeconds * 1000).unref();
		const [monitorCost, htopCost] = await Promise.all([
			measureProgram(monitor, `node dist/cli.js --endpoint <local> --interval 1`, monitorStart, settings),
			measureProgram(htop, `htop ${htopArgs.join(' ')}`, htopStart, settings),
		]);
		const probesInWindow = server.requests - requestsBefore.value;
		await htop.dispose();

		// The soak: the same monitor keeps running until soakMinutes after its start.
		if (monitorCost.cost) {
			const remaining = settings.soakMinutes * 60_000 - (performance.now() - monitorStart);
			if (remaining > 0) await Promise.race([sleep(remaining), monitor.exited]);
			sampleRss();
		}
		return {monitor: monitorCost, htop: htopCost, probesInWindow, rssTrail};
	} finally {
		clearInterval(sampler);
		await Promise.all([monitor.dispose(), htop.dispose()]);
		rmSync(htopHome, {recursive: true, force: true});
	}
}
