// The config file (--config FILE): YAML, or JSON (which the YAML parser reads too), holding
// the same settings as the long flags, by the same kebab-case names.

import {readFileSync} from 'node:fs';
import {LineCounter, parseDocument} from 'yaml';
import {sanitizeLine} from '../text/sanitize.js';
import {ConfigError} from './config-error.js';

export type FileSettings = Readonly<Record<string, unknown>>;

export function loadConfigFile(path: string, allowedKeys: ReadonlySet<string>): FileSettings {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		throw new ConfigError(`--config: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
	}
	// linePos is only filled in with prettyErrors, which also adds a multi-line code frame to
	// the message; a LineCounter gives the line without it.
	const lineCounter = new LineCounter();
	const document = parseDocument(text, {prettyErrors: false, uniqueKeys: true, lineCounter});
	const first = document.errors[0];
	if (first) {
		const where = ` line ${lineCounter.linePos(first.pos[0]).line}:`;
		const reason = sanitizeLine(first.message.split('\n')[0] ?? 'malformed', 200);
		throw new ConfigError(`--config ${path}:${where} ${reason}`);
	}
	let value: unknown;
	try {
		value = document.toJS();
	} catch (error) {
		// e.g. an alias bomb: the yaml library refuses to expand it.
		throw new ConfigError(`--config ${path}: ${sanitizeLine(error instanceof Error ? error.message : String(error), 200)}`);
	}
	if (value === null || value === undefined) return {};
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw new ConfigError(`--config ${path}: expected a mapping of settings (key: value)`);
	}
	const settings = value as Record<string, unknown>;
	for (const key of Object.keys(settings)) {
		if (key === 'client-secret' || key === 'clientSecret') {
			throw new ConfigError(
				`--config ${path}: "${key}" is not accepted; keep the secret in STELLA_DOCTOR_CLIENT_SECRET or a file named by client-secret-file`,
			);
		}
		if (!allowedKeys.has(key)) {
			throw new ConfigError(`--config ${path}: unknown key "${key}"`);
		}
	}
	return settings;
}
