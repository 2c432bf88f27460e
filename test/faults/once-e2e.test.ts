// Issue 2's end-to-end check of the built CLI: `--once --json` against services answering in
// 100 ms, 700 ms and 2500 ms and a stopped one gives pass/warn/fail/fail with exit codes
// 0/1/2/2; one that never answers ends within the timeout plus a second; `--format nagios`
// prints a monitoring-plugins line with perfdata; a bad flag exits 3.

import {performance} from 'node:perf_hooks';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {EVIDENCE_KEYS} from '../../checks/types.js';
import {closedPort, startHttp, startRaw, type RawServer} from '../support/raw-servers.js';
import {runCli} from './run-cli.js';

const servers: Record<string, RawServer> = {};
let stoppedPort = 0;

async function slowAuthority(delayMs: number): Promise<RawServer> {
	return startHttp((_request, response) => {
		const timer = setTimeout(() => {
			response.writeHead(400, {'content-type': 'application/json'}).end('{"error":"unsupported_grant_type"}');
		}, delayMs);
		response.on('close', () => clearTimeout(timer));
	});
}

beforeAll(async () => {
	servers.fast = await slowAuthority(100);
	servers.slow = await slowAuthority(700);
	servers.crawling = await slowAuthority(2500);
	stoppedPort = await closedPort();
});

afterAll(async () => {
	await Promise.all(Object.values(servers).map(server => server.close()));
});

const endpoint = (name: string) => servers[name]!.url('/connect/token');

// Every run waits on a server, not on the CPU: all of them run side by side.
describe.concurrent('the built CLI, --once', () => {

	describe('--once --json', () => {
		test.concurrent.for([
			['fast', 100, 'pass', 0],
			['slow', 700, 'warn', 1],
			['crawling', 2500, 'fail', 2],
		] as const)('a service answering in %s (%i ms): %s, exit %i', async ([name, delay, status, code]) => {
			const run = await runCli(['--once', '--json', '--endpoint', endpoint(name)]);
			expect(run.stderr).toBe('');
			expect(run.code).toBe(code);
			const report = JSON.parse(run.stdout);
			expect(report.status).toBe(status);
			expect(report.checkId).toBe('check.auth.token-service');
			expect(Object.keys(report.evidence)).toEqual([...EVIDENCE_KEYS]);
			expect(report.evidence.ServiceAvailable).toBe('YES');
			expect(report.evidence.ResponseTimeMs).toBeGreaterThanOrEqual(delay);
			expect(report.evidence.TokensIssuedLast24h).toBeNull();
			expect(report.evidence.Endpoint).toBe(endpoint(name));
			expect(Object.keys(report.phases)).toEqual(['dnsMs', 'connectMs', 'tlsMs', 'firstByteMs', 'transferMs']);
			expect(Number.isNaN(Date.parse(report.timestamp))).toBe(false);
		});

		test.concurrent('a stopped service: fail, exit 2, the refusal named', async () => {
			const run = await runCli(['--once', '--json', '--endpoint', `http://127.0.0.1:${stoppedPort}/connect/token`]);
			expect(run.code).toBe(2);
			const report = JSON.parse(run.stdout);
			expect(report.status).toBe('fail');
			expect(report.evidence.ServiceAvailable).toBe('NO');
			expect(report.evidence.ResponseTimeMs).toBeNull();
			expect(report.evidence.Error).toBe(`connect ECONNREFUSED 127.0.0.1:${stoppedPort}`);
		});
	});

	describe('a service that never answers', () => {
		test.concurrent('ends within the timeout plus a second, with the timeout named', async ({onTestFinished}) => {
			// Timed from the server's side, so that the CLI's own start-up on a busy machine
			// (other test files spawn CLIs at the same time) does not count against the probe.
			// The CLI's own connection is the one asking for this path.
			const path = `/never-${process.pid}-${Date.now()}/connect/token`;
			let acceptedAt = 0;
			let closedAt = 0;
			const silent = await startRaw(socket => {
				const accepted = performance.now();
				socket.once('data', (chunk: Buffer) => {
					if (!chunk.toString('latin1').startsWith(`POST ${path} `)) return;
					acceptedAt = accepted;
					socket.on('close', () => (closedAt = performance.now()));
				});
			});
			onTestFinished(() => silent.close());
			const run = await runCli(['--once', '--json', '--timeout', '2500', '--endpoint', silent.url(path)]);
			const exitedAt = performance.now();
			expect(run.code).toBe(2);
			expect(JSON.parse(run.stdout).evidence.Error).toBe('no response within 2500 ms');
			// The probe gave up at its deadline, not later, and the process ended right after.
			// (Seen from the server, which notices the connection a little after the client's
			// clock started: hence the slack below the deadline.)
			expect(closedAt - acceptedAt).toBeGreaterThan(2500 - 500);
			expect(closedAt - acceptedAt).toBeLessThan(2500 + 500);
			expect(exitedAt - closedAt).toBeLessThan(1000);
			// And as a whole (start-up included): well within the bound on an idle machine (~2.8 s).
			expect(run.elapsedMs).toBeLessThan(2500 + 3000);
		});
	});

	describe('--format nagios', () => {
		const PERF = /^TOKEN-SERVICE (OK|WARNING|CRITICAL) - ([^|\n]+) \| time=(\d+\.\d{3}s|U);0\.500;2\.000;0;10\.000\n$/;

		test.concurrent.for([
			['fast', 'OK', 0, /^\d+ ms$/],
			['slow', 'WARNING', 1, /^\d+ ms > 500 ms$/],
			['crawling', 'CRITICAL', 2, /^\d+ ms > 2000 ms$/],
		] as const)('%s: %s, exit %i, one line with perfdata', async ([name, label, code, summary]) => {
			const run = await runCli(['--once', '--format', 'nagios', '--endpoint', endpoint(name)]);
			expect(run.code).toBe(code);
			const match = PERF.exec(run.stdout);
			expect(match, run.stdout).not.toBeNull();
			expect(match![1]).toBe(label);
			expect(match![2]).toMatch(summary);
			// Perfdata in seconds matches the milliseconds in the text.
			const ms = Number(/^(\d+) ms/.exec(match![2]!)![1]);
			expect(match![3]).toBe(`${(ms / 1000).toFixed(3)}s`);
		});

		test.concurrent('stopped: CRITICAL with an unknown time', async () => {
			const run = await runCli(['--once', '--format', 'nagios', '--endpoint', `http://127.0.0.1:${stoppedPort}/connect/token`]);
			expect(run.code).toBe(2);
			expect(run.stdout).toBe(`TOKEN-SERVICE CRITICAL - not responding: connect ECONNREFUSED 127.0.0.1:${stoppedPort} | time=U;0.500;2.000;0;10.000\n`);
		});
	});

	describe('bad input', () => {
		test.concurrent('a bad flag exits 3 with one line', async () => {
			const run = await runCli(['--once', '--json', '--warning-threshold', 'fast']);
			expect(run.code).toBe(3);
			expect(run.stdout).toBe('');
			expect(run.stderr).toBe('stella-doctor-tui: --warning-threshold: "fast" is not a number\n');
		});
	});
});
