// Where a program would be found, checked before spawning: a missing kubectl is one clear
// line for the operator instead of a spawn error arriving later as an event.

import {accessSync, constants, statSync} from 'node:fs';
import path from 'node:path';

function isExecutableFile(file: string): boolean {
	try {
		if (!statSync(file).isFile()) return false;
		accessSync(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** The file that would run for `program` with this PATH, or null. */
export function findProgram(program: string, env: NodeJS.ProcessEnv): string | null {
	if (program.length === 0) return null;
	// A name with a slash is a path and is not looked up, as in a shell.
	if (program.includes('/')) return isExecutableFile(program) ? program : null;
	for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
		// An empty PATH entry means the current directory; we never run from there.
		if (dir === '') continue;
		const candidate = path.join(dir, program);
		if (isExecutableFile(candidate)) return candidate;
	}
	return null;
}

export function notFoundMessage(program: string): string {
	return `${program}: not found on PATH`;
}
