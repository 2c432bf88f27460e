// While the full-screen app runs, anything printed through console (a library's warning,
// Node's deprecation notices) would scribble over the screen. It is held instead, and shown
// on the normal screen after the terminal is restored.

import {sanitizeLines} from '../text/sanitize.js';
import {format} from 'node:util';

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;
const MAX_HELD = 200;

export interface HeldConsole {
	/** Puts console back and returns what was printed meanwhile, sanitized. */
	release(): string[];
}

export function holdConsole(target: Console = console): HeldConsole {
	const held: string[] = [];
	const originals = METHODS.map(method => [method, target[method]] as const);
	for (const method of METHODS) {
		target[method] = (...args: unknown[]) => {
			for (const line of sanitizeLines(format(...args))) {
				if (held.length < MAX_HELD) held.push(line);
			}
		};
	}
	return {
		release() {
			for (const [method, original] of originals) target[method] = original;
			return held;
		},
	};
}
