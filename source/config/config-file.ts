// The config file (--config FILE): YAML, or JSON (which the YAML parser reads too), holding
// the same settings as the long flags, by the same kebab-case names.

import {readFileSync} from 'node:fs';
import {parseDocument} from 'yaml';
import {ConfigError} from './config-error.js';

export type FileSettings = Readonly<Record<string, unknown>>;

export function loadConfigFile(path: string, allowedKeys: ReadonlySet<string>): FileSettings {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		throw new ConfigError(`--config: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
	}
	const document = parseDocument(text, {prettyErrors: false, uniqueKeys: true});
	const first = document.errors[0];
	if (first) {
		const line = first.linePos?.[0]?.line;
		const where = line === undefined ? '' : ` line ${line}:`;
		const reason = first.message.split('\n')[0] ?? 'malformed';
		throw new ConfigError(`--config ${path}:${where} ${reason}`);
	}
	const value: unknown = document.toJS();
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
