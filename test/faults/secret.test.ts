// The client secret never appears in any output, even when the server echoes it back: as
// sent, form-encoded, inside the Basic credentials, cut at the line limit, or with escape
// sequences slipped into it.

import type {IncomingMessage, ServerResponse} from 'node:http';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {evaluate} from '../../checks/token-service.js';
import {createProber} from '../../source/probe/prober.js';
import {formatJsonReport} from '../../source/report/format-json.js';
import {formatNagiosReport} from '../../source/report/format-nagios.js';
import {formatTextReport} from '../../source/report/format-text.js';
import {startHttp, type RawServer} from '../support/raw-servers.js';
import {runCli} from './run-cli.js';

const CLIENT_ID = 'stella-doctor';
// Distinctive, and with characters that form-encoding and base64 change.
const SECRET = 'Zq7!s3cr3t value/+=ünï';
const BASIC = Buffer.from(`${CLIENT_ID}:${encodeURIComponent(SECRET).replace(/%20/g, '+')}`).toString('base64');
const FORMS = [SECRET, encodeURIComponent(SECRET), encodeURIComponent(SECRET).replace(/%20/g, '+'), BASIC];

let server: RawServer;
let dir: string;
const authorizations: string[] = [];

function echo(request: IncomingMessage, response: ServerResponse): void {
	const authorization = request.headers.authorization ?? '';
	authorizations.push(authorization);
	const path = request.url ?? '/';
	const description: Record<string, string> = {
		'/echo': `client ${CLIENT_ID} sent secret ${SECRET} (form ${encodeURIComponent(SECRET)}) via ${authorization}`,
		// The secret straddles the 300-character cut of the error line.
		'/at-the-cut': `${'x'.repeat(245)} ${SECRET}`,
		// Escape sequences inside the echo would hide it from a redaction made before sanitizing.
		'/split': `${SECRET.slice(0, 5)}\u001b[0m${SECRET.slice(5, 12)}\u202e${SECRET.slice(12)}`,
	};
	if (path === '/redirect') {
		response.writeHead(302, {location: `https://evil.example/login?client_secret=${encodeURIComponent(SECRET)}`}).end();
		return;
	}
	response
		.writeHead(401, {'content-type': 'application/json'})
		.end(JSON.stringify({error: 'invalid_client', error_description: description[path] ?? 'no such path'}));
}

beforeAll(async () => {
	server = await startHttp(echo);
	dir = mkdtempSync(join(tmpdir(), 'stella-secret-'));
	writeFileSync(join(dir, 'secret'), `${SECRET}\n`);
});

afterAll(async () => {
	await server?.close();
	rmSync(dir, {recursive: true, force: true});
});

function expectNoSecret(text: string): void {
	for (const form of FORMS) expect(text).not.toContain(form);
	// Not even a recognisable piece of it.
	expect(text).not.toContain(SECRET.slice(0, 8));
	expect(text).not.toContain(SECRET.slice(-8));
}

describe('the probe redacts every echo of the secret', () => {
	test.for(['/echo', '/at-the-cut', '/split', '/redirect'])('%s', async path => {
		const before = authorizations.length;
		const prober = createProber({endpoint: server.url(path), timeoutMs: 2500, credentials: {clientId: CLIENT_ID, clientSecret: SECRET}});
		try {
			const sample = await prober.probe();
			// The credentials really were sent: the test is about the echo, not a missing header.
			expect(authorizations.slice(before)).toEqual([`Basic ${BASIC}`]);
			expect(sample.available).toBe(false);
			expect(sample.error).toContain(path === '/redirect' ? 'redirected to https://evil.example/login?client_secret=[redacted]' : 'invalid_client');
			expect(sample.error).toContain('[redacted]');
			expectNoSecret(sample.error!);
			const input = {result: evaluate(sample), sample, timeoutMs: 2500};
			for (const report of [formatTextReport(input), formatJsonReport(input), formatNagiosReport(input)]) expectNoSecret(report);
		} finally {
			await prober.close();
		}
	});
});

describe('the built CLI never shows it', () => {
	const runs = [
		['text', []],
		['json', ['--json']],
		['nagios', ['--format', 'nagios']],
	] as const;

	test.concurrent.for(runs)('from STELLA_DOCTOR_CLIENT_SECRET, --once %s', async ([, flags]) => {
		const run = await runCli(['--once', ...flags, '--endpoint', server.url('/echo'), '--client-id', CLIENT_ID], {
			env: {STELLA_DOCTOR_CLIENT_SECRET: SECRET},
		});
		expect(run.code).toBe(2);
		expect(run.stdout).toContain('invalid_client');
		expectNoSecret(run.stdout);
		expectNoSecret(run.stderr);
	});

	test.concurrent('from --client-secret-file, text report, and a refused secret flag does not echo it', async () => {
		const run = await runCli(['--once', '--endpoint', server.url('/at-the-cut'), '--client-id', CLIENT_ID, '--client-secret-file', join(dir, 'secret')]);
		expect(run.code).toBe(2);
		expectNoSecret(run.stdout + run.stderr);

		const refused = await runCli(['--once', `--client-secret=${SECRET}`]);
		expect(refused.code).toBe(3);
		expectNoSecret(refused.stdout + refused.stderr);
	});
});
