import {chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {auditEntry, createAuditLog} from '../../source/remediation/audit-log.js';
import {findProgram, notFoundMessage} from '../../source/remediation/find-program.js';
import {encodeOsc52} from '../../source/remediation/osc52.js';
import type {RunRecord} from '../../source/remediation/step-runner.js';

const dirs: string[] = [];
function tempDir(): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'stella-remediation-'));
	dirs.push(dir);
	return dir;
}
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true});
});

const record = (overrides: Partial<RunRecord> = {}): RunRecord => ({
	startedAt: Date.UTC(2025, 0, 2, 3, 4, 5),
	environment: 'kubernetes',
	stepId: 'scale',
	label: 'Scale up if under load',
	changesState: true,
	argv: ['kubectl', 'scale', 'deployment', 'stellaops-authority', '--replicas=3', '-n', 'stellaops'],
	pipeTo: null,
	commandLine: 'kubectl scale deployment stellaops-authority --replicas=3 -n stellaops',
	exitCode: 0,
	signal: null,
	durationMs: 1234.6,
	cancelled: false,
	timedOut: false,
	error: null,
	...overrides,
});

describe('audit log', () => {
	it('appends one JSON line per run, in order, private to the user', async () => {
		const file = path.join(tempDir(), 'audit.jsonl');
		const log = createAuditLog(file);
		await Promise.all([log.append(record()), log.append(record({stepId: 'pods', exitCode: null, signal: 'SIGTERM', cancelled: true}))]);
		const lines = readFileSync(file, 'utf8').split('\n');
		expect(lines).toHaveLength(3);
		expect(lines[2]).toBe('');
		const first = JSON.parse(lines[0]!);
		expect(first).toEqual({
			time: '2025-01-02T03:04:05.000Z',
			checkId: 'check.auth.token-service',
			environment: 'kubernetes',
			stepId: 'scale',
			label: 'Scale up if under load',
			changesState: true,
			argv: ['kubectl', 'scale', 'deployment', 'stellaops-authority', '--replicas=3', '-n', 'stellaops'],
			pipeTo: null,
			exitCode: 0,
			signal: null,
			durationMs: 1235,
			cancelled: false,
			timedOut: false,
			error: null,
		});
		expect(JSON.parse(lines[1]!)).toMatchObject({stepId: 'pods', signal: 'SIGTERM', cancelled: true, exitCode: null});
		expect(statSync(file).mode & 0o777).toBe(0o600);
	});

	it('masks secrets wherever they appear and keeps hostile text on one line', () => {
		const entry = auditEntry(record({argv: ['x', 'pre-s3cret-post', 'a\nb'], error: 'failed with s3cret'}), ['s3cret', '']);
		const line = JSON.stringify(entry);
		expect(line).not.toContain('s3cret');
		expect(entry.argv).toEqual(['x', 'pre-***-post', 'a\nb']);
		expect(line).not.toContain('\n');
	});

	it('reports a failed write as one line instead of throwing', async () => {
		const log = createAuditLog(path.join(tempDir(), 'missing', 'audit.jsonl'));
		expect(await log.append(record())).toMatch(/^audit log .*: ENOENT$/);
	});
});

describe('OSC 52', () => {
	it('encodes the text as base64 for the clipboard', () => {
		expect(encodeOsc52('kubectl get pods')).toBe('\u001b]52;c;a3ViZWN0bCBnZXQgcG9kcw==\u0007');
		expect(encodeOsc52('é')).toBe('\u001b]52;c;w6k=\u0007');
	});

	it('wraps for tmux passthrough, doubling ESC', () => {
		expect(encodeOsc52('a', {tmuxPassthrough: true})).toBe('\u001bPtmux;\u001b\u001b]52;c;YQ==\u0007\u001b\\');
	});
});

describe('findProgram', () => {
	it('finds executables on the given PATH only', () => {
		const dir = tempDir();
		writeFileSync(path.join(dir, 'kubectl'), '#!/bin/sh\n');
		chmodSync(path.join(dir, 'kubectl'), 0o755);
		writeFileSync(path.join(dir, 'docker'), 'not executable');
		expect(findProgram('kubectl', {PATH: `/nonexistent:${dir}`})).toBe(path.join(dir, 'kubectl'));
		expect(findProgram('docker', {PATH: dir})).toBeNull();
		expect(findProgram('kubectl', {PATH: ''})).toBeNull();
		expect(findProgram(path.join(dir, 'kubectl'), {})).toBe(path.join(dir, 'kubectl'));
		expect(notFoundMessage('kubectl')).toBe('kubectl: not found on PATH');
	});
});
