// The text of a config file as a plain value, by the YAML parser (which reads JSON too), or
// one ConfigError with the line at fault. A module of its own so that the parser is loaded
// only when there is a config file (config-file.ts imports this one when it needs it).

import {LineCounter, parseDocument} from 'yaml';
import {sanitizeLine} from '../text/sanitize.js';
import {ConfigError} from './config-error.js';

export function parseConfigText(path: string, text: string): unknown {
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
	try {
		return document.toJS();
	} catch (error) {
		// e.g. an alias bomb: the yaml library refuses to expand it.
		throw new ConfigError(`--config ${path}: ${sanitizeLine(error instanceof Error ? error.message : String(error), 200)}`);
	}
}
