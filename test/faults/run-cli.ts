// Runs the built CLI (`node dist/cli.js`) as a real child process, stdin and stdout not
// terminals, with an environment of our choosing: nothing from the test runner's own
// environment leaks in (a proxy or endpoint variable on the CI host would change results).

import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {performance} from 'node:perf_hooks';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface CliRun {
	readonly code: number | null;
	readonly signal: NodeJS.Signals | null;
	readonly stdout: string;
	readonly stderr: string;
	/** Raw bytes of stdout, for byte-level assertions (no ESC byte, …). */
	readonly stdoutBytes: Buffer;
	readonly elapsedMs: number;
}

export interface CliOptions {
	readonly env?: Readonly<Record<string, string>>;
	/** Kill the child after this long (a safety net, not an assertion). Default 20 s. */
	readonly killAfterMs?: number;
	readonly cwd?: string;
}

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
	if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
	const env: Record<string, string> = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', LANG: 'C.UTF-8', ...options.env};
	const start = performance.now();
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CLI, ...args], {env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe']});
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
		const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 20_000);
		child.on('error', error => {
			clearTimeout(killer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(killer);
			const stdoutBytes = Buffer.concat(out);
			resolve({
				code,
				signal,
				stdout: stdoutBytes.toString('utf8'),
				stderr: Buffer.concat(err).toString('utf8'),
				stdoutBytes,
				elapsedMs: performance.now() - start,
			});
		});
	});
}

/** Characters that must never reach a terminal from remote text: ESC, other C0 but \t\n, C1, bidi. */
export const TERMINAL_HOSTILE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
