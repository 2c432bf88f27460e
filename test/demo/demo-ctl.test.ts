import {execFile} from 'node:child_process';
import {createServer, type Server} from 'node:http';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {DemoAuthority} from '../../source/demo/authority.js';
import {startTestAuthority} from '../support/test-authority.js';
import {runDemoCtl} from '../../source/demo/demo-ctl.js';
import {DEMO_CTL_COMMANDS, demoCtlArgv, type DemoCtlCommand} from '../../source/demo/demo-runbook-argv.js';
import {connectionError, requestToken} from './helpers.js';

interface Run {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
}

/** Runs demo-ctl exactly as the demo runbook will: the argv from demoCtlArgv, no shell. */
function demoCtl(command: DemoCtlCommand, controlUrl: string): Promise<Run> {
	const [file, ...args] = demoCtlArgv(command, controlUrl);
	return new Promise(resolve => {
		execFile(file!, args, {timeout: 20_000}, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
			resolve({code, stdout, stderr});
		});
	});
}

async function inProcess(argv: string[]): Promise<{code: number; out: string[]; err: string[]}> {
	const out: string[] = [];
	const err: string[] = [];
	const code = await runDemoCtl(argv, {out: line => out.push(line), err: line => err.push(line)});
	return {code, out, err};
}

describe('demo-ctl against a running demo Authority', () => {
	let authority: DemoAuthority;

	beforeAll(async () => {
		authority = await startTestAuthority();
		expect((await requestToken(authority, authority.clientSecret)).statusCode).toBe(200);
	});
	afterAll(async () => {
		await authority?.close();
	});

	it('builds runbook argv: node, the entry, the command, --control URL', () => {
		expect(DEMO_CTL_COMMANDS).toEqual(['status', 'logs', 'restart', 'stop', 'start']);
		const argv = demoCtlArgv('status', 'http://127.0.0.1:1');
		expect(argv[0]).toBe(process.execPath);
		expect(argv.slice(-3)).toEqual(['status', '--control', 'http://127.0.0.1:1']);
		expect(argv.some(arg => /demo-ctl-main\.ts$|demo-ctl\.js$/.test(arg))).toBe(true);
	});

	it('status prints running, port, latency and tokens issued', async () => {
		const run = await demoCtl('status', authority.controlUrl);
		expect(run.code).toBe(0);
		expect(run.stderr).toBe('');
		const port = new URL(authority.issuer).port;
		expect(run.stdout).toContain(`Authority: running on 127.0.0.1:${port} (pid ${authority.pid})`);
		expect(run.stdout).toContain('Added latency: 0 ms');
		expect(run.stdout).toMatch(/Tokens issued: [1-9]\d* since start, [1-9]\d* in the last 24 h/);
		expect(run.stdout).toMatch(/Active sessions: [1-9]/);
	});

	it('stop closes the port, status then says stopped, start reopens it', async () => {
		const stop = await demoCtl('stop', authority.controlUrl);
		expect(stop.code).toBe(0);
		expect(stop.stdout).toMatch(/Authority stopped: port \d+ closed/);
		expect(await connectionError(authority.tokenEndpoint)).toBe('ECONNREFUSED');

		const status = await demoCtl('status', authority.controlUrl);
		expect(status.code).toBe(0);
		expect(status.stdout).toMatch(/Authority: stopped/);

		const start = await demoCtl('start', authority.controlUrl);
		expect(start.code).toBe(0);
		expect(start.stdout).toContain('Authority started: listening on 127.0.0.1:');
		expect((await requestToken(authority, authority.clientSecret)).statusCode).toBe(200);
	});

	it('restart brings the Authority back healthy with latency cleared', async () => {
		await authority.setLatency(2600);
		await authority.stop();
		const run = await demoCtl('restart', authority.controlUrl);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('Authority restarted');
		expect(run.stdout).toContain('Added latency: 0 ms');
		expect(await authority.status()).toMatchObject({state: 'running', latencyMs: 0});
	});

	it('logs prints the recent log lines', async () => {
		const run = await demoCtl('logs', authority.controlUrl);
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/^Last \d+ log lines of the demo Authority:/);
		expect(run.stdout).toContain('POST /connect/token 200');
		expect(run.stdout).toContain('restart requested');
		expect(run.stdout).not.toContain(authority.clientSecret);
	});

	it('exits 1 with one line when the control server is unreachable', async () => {
		const other = await startDemoAuthorityControlGone();
		const run = await demoCtl('status', other);
		expect(run.code).toBe(1);
		expect(run.stdout).toBe('');
		expect(run.stderr.trim().split('\n')).toHaveLength(1);
		expect(run.stderr).toMatch(/^demo-ctl: control server unreachable at http:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED/);
	});

	it('exits 2 on usage errors, with one line', async () => {
		for (const argv of [[], ['reboot', '--control', authority.controlUrl], ['status'], ['logs', '--control', authority.controlUrl, '--lines', '0'], ['status', '--bogus']]) {
			const run = await inProcess(argv);
			expect(run.code).toBe(2);
			expect(run.out).toEqual([]);
			expect(run.err).toHaveLength(1);
			expect(run.err[0]).toMatch(/^demo-ctl: /);
		}
	});
});

/** A control URL that nobody answers: a port just released. */
async function startDemoAuthorityControlGone(): Promise<string> {
	const server: Server = createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as {port: number};
	await new Promise(resolve => server.close(resolve));
	return `http://127.0.0.1:${port}`;
}

describe('demo-ctl against a hostile control server', () => {
	let server: Server;
	let url: string;

	beforeAll(async () => {
		server = createServer((request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			if (request.url?.startsWith('/logs')) response.end(JSON.stringify({lines: ['\u001b]52;c;cHduZWQ=\u0007copied \u001b[2Jcleared', 'plain']}));
			else response.end(JSON.stringify({state: 'running', port: '\u001b[31mred', pid: 1, tokenEndpoint: 'http://x/\u001b]0;title\u0007', latencyMs: 0, tokensIssuedTotal: 1, tokensIssuedLast24h: 1, activeSessions: 0}));
		});
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as {port: number}).port}`;
	});
	afterAll(async () => {
		await new Promise(resolve => server.close(resolve));
	});

	it('prints no escape sequences from the reply', async () => {
		for (const command of ['logs', 'status']) {
			const run = await inProcess([command, '--control', url]);
			expect(run.code).toBe(0);
			const text = run.out.join('\n');
			expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
			expect(text.length).toBeGreaterThan(0);
		}
		const status = await inProcess(['status', '--control', url]);
		// A port that is not a number is shown as unknown, not echoed.
		expect(status.out[0]).toBe('Authority: running on 127.0.0.1:? (pid 1)');
	});
});
