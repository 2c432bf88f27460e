// The incident review's record of what was run: one JSON line per finished step, appended
// to the --audit-log file. Secrets never reach it: argv carries none by construction, and
// any string given as secret is masked anyway, in case one slipped into a placeholder.

import {appendFile} from 'node:fs/promises';
import {tokenServiceCheck} from '../../checks/token-service.js';
import type {RunRecord} from './step-runner.js';

export interface AuditEntry {
	readonly time: string;
	readonly checkId: string;
	readonly environment: string;
	readonly stepId: string;
	readonly label: string;
	readonly changesState: boolean;
	readonly argv: readonly string[];
	readonly pipeTo: readonly string[] | null;
	readonly exitCode: number | null;
	readonly signal: string | null;
	readonly durationMs: number;
	readonly cancelled: boolean;
	readonly timedOut: boolean;
	readonly error: string | null;
}

const MASK = '***';

function masker(secrets: readonly string[]): (text: string) => string {
	const present = secrets.filter(secret => secret.length > 0);
	return text => present.reduce((out, secret) => out.split(secret).join(MASK), text);
}

export function auditEntry(record: RunRecord, secrets: readonly string[] = []): AuditEntry {
	const mask = masker(secrets);
	return {
		time: new Date(record.startedAt).toISOString(),
		checkId: tokenServiceCheck.id,
		environment: record.environment,
		stepId: record.stepId,
		label: record.label,
		changesState: record.changesState,
		argv: record.argv.map(mask),
		pipeTo: record.pipeTo ? record.pipeTo.map(mask) : null,
		exitCode: record.exitCode,
		signal: record.signal,
		durationMs: Math.round(record.durationMs),
		cancelled: record.cancelled,
		timedOut: record.timedOut,
		error: record.error === null ? null : mask(record.error),
	};
}

/** One line, whatever the values contain: JSON escapes line breaks and controls. */
export function formatAuditLine(record: RunRecord, secrets: readonly string[] = []): string {
	return JSON.stringify(auditEntry(record, secrets)) + '\n';
}

export interface AuditLog {
	/** Appends the record; resolves to null, or one line saying why the write failed. */
	append(record: RunRecord): Promise<string | null>;
}

export function createAuditLog(file: string, options: {secrets?: readonly string[]} = {}): AuditLog {
	// Writes are chained so lines land in the order steps finished.
	let queue: Promise<unknown> = Promise.resolve();
	return {
		append(record) {
			const line = formatAuditLine(record, options.secrets);
			const write = queue.then(() =>
				appendFile(file, line, {encoding: 'utf8', mode: 0o600}).then(
					() => null,
					(error: NodeJS.ErrnoException) => `audit log ${file}: ${error.code ?? error.message}`,
				),
			);
			queue = write;
			return write;
		},
	};
}
