// What meow lets through or throws about, turned into the one-line errors every other bad
// input gets: a boolean flag with a value (`--insecure=maybe` would silently read as true or
// false), and a flag given twice (meow throws a bare Error for it).

import {ConfigError} from './config-error.js';
import {RUN_FLAGS, SETTINGS} from './settings.js';

const BOOLEAN_FLAGS = new Set([...SETTINGS, ...RUN_FLAGS].filter(setting => setting.kind === 'boolean').map(setting => setting.name));

export function checkRawArguments(argv: readonly string[]): void {
	for (const argument of argv) {
		if (argument === '--') break;
		const match = /^--(?:no-)?([a-z][a-z0-9-]*)=(.*)$/s.exec(argument);
		if (!match || !BOOLEAN_FLAGS.has(match[1]!)) continue;
		const value = match[2]!;
		if (value !== 'true' && value !== 'false') {
			throw new ConfigError(`--${match[1]}: "${value}" is not true or false`);
		}
	}
}

/** meow's "The flag --x can only be set once." as our own line; other errors pass through. */
export function translateMeowError(error: unknown): ConfigError | null {
	const message = error instanceof Error ? error.message : '';
	const twice = /^The flag --([\w-]+) can only be set once\.?$/.exec(message);
	if (twice) return new ConfigError(`--${twice[1]}: given more than once`);
	return null;
}
