// Gathers the facts detect-environment.ts decides on. Bounded in time: a kubectl that hangs
// (unreachable exec credential plugin, slow disk) must not delay the monitor's start.

import {execFile} from 'node:child_process';
import {statSync} from 'node:fs';
import path from 'node:path';
import {sanitizeLine} from '../text/sanitize.js';
import type {EnvironmentFacts} from './detect-environment.js';
import {findProgram} from './find-program.js';

export interface GatherOptions {
	readonly composeFile: string;
	/** Compose file paths are relative to this (default process.cwd()). */
	readonly cwd?: string;
	readonly env?: NodeJS.ProcessEnv;
	/** For `kubectl config current-context` (default 2 s). */
	readonly timeoutMs?: number;
}

function fileExists(file: string): boolean {
	try {
		return statSync(file).isFile();
	} catch {
		return false;
	}
}

/** The current kubectl context, or null (kubectl missing, no context, error, timeout). */
export function currentKubeContext(env: NodeJS.ProcessEnv, timeoutMs: number, cwd?: string): Promise<string | null> {
	const kubectl = findProgram('kubectl', env);
	if (kubectl === null) return Promise.resolve(null);
	return new Promise(resolve => {
		execFile(
			kubectl,
			['config', 'current-context'],
			{env, cwd, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024, windowsHide: true},
			(error, stdout) => {
				if (error) return resolve(null);
				const context = sanitizeLine(String(stdout), 200);
				resolve(context === '' ? null : context);
			},
		).stdin?.end();
	});
}

export async function gatherEnvironmentFacts(options: GatherOptions): Promise<EnvironmentFacts> {
	const cwd = options.cwd ?? process.cwd();
	const env = options.env ?? process.env;
	const kubeContext = await currentKubeContext(env, options.timeoutMs ?? 2_000, cwd);
	return {
		kubeContext,
		composeFileExists: fileExists(path.resolve(cwd, options.composeFile)),
		composeFile: options.composeFile,
	};
}
