// The text of a config file as a plain value (a .json file by JSON's rules, any other by YAML's), or
// one ConfigError with the line at fault. A module of its own so that the parser is loaded
// only when there is a config file (config-file.ts imports this one when it needs it).

import {LineCounter, parseDocument} from 'yaml';
import {sanitizeLine} from '../text/sanitize.js';
import {ConfigError} from './config-error.js';

/**
 * A .json file is held to JSON: YAML reads `{"endpoint": }` as an endpoint of null, and the
 * operator would be told the endpoint is missing rather than that the file does not parse.
 */
function parseJson(path: string, text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		// Node 20 says "… in JSON at position N": turn the position into a line.
		const position = /at position (\d+)/.exec(message);
		const where = position ? ` line ${text.slice(0, Number(position[1])).split('\n').length}:` : '';
		// The message may quote the file's text back: only its first clause is kept.
		const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/, ".*" is not valid JSON$/s, '');
		throw new ConfigError(`--config ${path}:${where} not valid JSON (${sanitizeLine(reason, 200)})`);
	}
}

export function parseConfigText(path: string, text: string): unknown {
	if (/\.json$/i.test(path)) return parseJson(path, text);
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
