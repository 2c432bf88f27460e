import {parseArgs} from 'node:util';
import {sanitizeLine} from '../text/sanitize.js';
import {ControlError, createControlClient} from './control-client.js';
import type {DemoAuthorityStatus} from './control-protocol.js';

export const DEMO_CTL_COMMANDS = ['status', 'logs', 'restart', 'stop', 'start'] as const;
export type DemoCtlCommand = (typeof DEMO_CTL_COMMANDS)[number];

export interface DemoCtlIo {
	readonly out: (line: string) => void;
	readonly err: (line: string) => void;
}

export const DEMO_CTL_USAGE = `usage: demo-ctl <${DEMO_CTL_COMMANDS.join('|')}> --control URL [--lines N]`;

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

/**
 * The demo environment's runbook steps: what an operator would run against a real
 * Authority's service manager, done for real to the demo Authority through its control
 * server. Returns the exit code. Every line printed went through sanitizeLine: the reply
 * comes from a server, and whoever wrote the --control URL chose that server.
 */
export async function runDemoCtl(argv: readonly string[], io: DemoCtlIo): Promise<number> {
	const out = (line: string) => io.out(sanitizeLine(line));
	const fail = (line: string) => io.err(sanitizeLine(`demo-ctl: ${line}`));

	let command: DemoCtlCommand;
	let controlUrl: string;
	let lines: number;
	try {
		const {values, positionals} = parseArgs({
			args: [...argv],
			options: {control: {type: 'string'}, lines: {type: 'string'}},
			allowPositionals: true,
			strict: true,
		});
		const [first, ...rest] = positionals;
		if (!first || rest.length > 0 || !(DEMO_CTL_COMMANDS as readonly string[]).includes(first)) throw new Error(DEMO_CTL_USAGE);
		if (!values.control) throw new Error(`--control URL is required; ${DEMO_CTL_USAGE}`);
		command = first as DemoCtlCommand;
		controlUrl = values.control;
		lines = values.lines === undefined ? 20 : Number(values.lines);
		if (!Number.isInteger(lines) || lines < 1 || lines > 200) throw new Error('--lines must be a whole number from 1 to 200');
	} catch (error) {
		fail(error instanceof Error ? error.message : String(error));
		return EXIT_USAGE;
	}

	const control = createControlClient(controlUrl);
	try {
		switch (command) {
			case 'status':
				describeStatus(await control.status(), out);
				break;
			case 'logs': {
				const recent = await control.logs(lines);
				out(recent.length === 0 ? 'No log lines yet.' : `Last ${recent.length} log lines of the demo Authority:`);
				for (const line of recent) out(line);
				break;
			}
			case 'stop': {
				const status = await control.stop();
				out(`Authority stopped: port ${num(status.port)} closed, connections are refused.`);
				describeStatus(status, out);
				break;
			}
			case 'start': {
				const status = await control.start();
				out(`Authority started: listening on 127.0.0.1:${num(status.port)}.`);
				describeStatus(status, out);
				break;
			}
			case 'restart': {
				out('Restarting the demo Authority…');
				const status = await control.restart();
				out(`Authority restarted: listening on 127.0.0.1:${num(status.port)}, injected latency cleared.`);
				describeStatus(status, out);
				break;
			}
		}
		return EXIT_OK;
	} catch (error) {
		if (error instanceof ControlError && error.unreachable) fail(`control server unreachable at ${controlUrl}: ${error.message}`);
		else fail(`${command} failed: ${error instanceof Error ? error.message : String(error)}`);
		return EXIT_FAILED;
	}
}

/** Identifiers (port, pid) from the reply, shown only if they are numbers. */
function num(value: unknown): string {
	return typeof value === 'number' && Number.isFinite(value) ? String(value) : '?';
}

/** Counts from the reply, grouped for reading (1,204). */
function count(value: unknown): string {
	return typeof value === 'number' && Number.isFinite(value) ? value.toLocaleString('en-US') : '?';
}

function describeStatus(status: DemoAuthorityStatus, out: (line: string) => void): void {
	if (status.state === 'running') out(`Authority: running on 127.0.0.1:${num(status.port)} (pid ${num(status.pid)})`);
	else out(`Authority: stopped — port ${num(status.port)} closed (pid ${num(status.pid)} still alive)`);
	out(`Token endpoint: ${String(status.tokenEndpoint)}`);
	out(`Added latency: ${count(status.latencyMs)} ms`);
	out(`Tokens issued: ${count(status.tokensIssuedTotal)} since start, ${count(status.tokensIssuedLast24h)} in the last 24 h`);
	out(`Active sessions: ${count(status.activeSessions)}`);
}
