// The config file (--config FILE): YAML, or JSON (which the YAML parser reads too), holding
// the same settings as the long flags, by the same kebab-case names.

import {readFileSync} from 'node:fs';
import {ConfigError} from './config-error.js';

export type FileSettings = Readonly<Record<string, unknown>>;

export async function loadConfigFile(path: string, allowedKeys: ReadonlySet<string>): Promise<FileSettings> {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		throw new ConfigError(`--config: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
	}
	// Loaded only when there is a file to parse: the YAML parser is a quarter of what every
	// start-up would otherwise load (measured: ~15 ms, npm run bench).
	const {parseConfigText} = await import('./parse-config-text.js');
	const value = parseConfigText(path, text);
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
