// Helpers for end-to-end tests of the BUILT CLI (dist/cli.js) in a pseudo-terminal: make sure
// the bundle is there, name its command line, read the screen, and see which processes it left.

import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {resolve} from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = resolve(ROOT, 'dist/cli.js');
const BUNDLES = ['dist/cli.js', 'dist/demo-authority.js', 'dist/demo-ctl.js'].map(file => resolve(ROOT, file));

const sleep = (ms: number) => new Promise(done => setTimeout(done, ms));

/**
 * The bundles exist. Someone else may be rebuilding (the build empties dist/ first): wait a
 * little for them, and build only if the bundles still are not there.
 */
export async function ensureBuilt(waitMs = 15_000): Promise<void> {
	const deadline = Date.now() + waitMs;
	while (!BUNDLES.every(file => existsSync(file)) && Date.now() < deadline) await sleep(200);
	if (BUNDLES.every(file => existsSync(file))) return;
	execFileSync(process.execPath, ['scripts/build.mjs'], {cwd: ROOT, stdio: 'ignore'});
}

/** node-pty's argv for the built CLI. */
export function cliCommand(...args: string[]): string[] {
	return [CLI, ...args];
}

/** The status line (PASS/WARN/FAIL …) sits right under the header. */
export const statusLine = (screen: readonly string[]): string => screen[1] ?? '';
export const screenText = (screen: readonly string[]): string => screen.join('\n');

export interface ProcessInfo {
	readonly pid: number;
	readonly ppid: number;
	readonly args: string;
}

/** Live (non-zombie) processes, from ps. */
export function listProcesses(): ProcessInfo[] {
	const out = execFileSync('ps', ['-eo', 'pid=,ppid=,stat=,args='], {encoding: 'utf8'});
	return out
		.split('\n')
		.map(line => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
		.filter((match): match is RegExpExecArray => match !== null && !match[3]!.startsWith('Z'))
		.map(match => ({pid: Number(match[1]), ppid: Number(match[2]), args: match[4]!}));
}

/** Live children of `ppid`. */
export function childrenOf(ppid: number): ProcessInfo[] {
	return listProcesses().filter(process => process.ppid === ppid);
}

/**
 * The command line shown in the open confirmation dialog, unwrapped: the rows between the
 * question and the y/n line, borders stripped, ` \` continuations joined.
 */
export function dialogCommand(screen: readonly string[]): string | null {
	const start = screen.findIndex(line => /Run step \d+\?/.test(line));
	const end = screen.findIndex((line, index) => index > start && line.includes('y run ·'));
	if (start < 0 || end < 0) return null;
	const rows = screen.slice(start + 1, end).map(line => line.replace(/^\s*│ ?/, '').replace(/\s*│\s*$/, '').trim());
	return rows.reduce((command, row) => (command.endsWith(' \\') ? `${command.slice(0, -2)} ${row}` : command ? `${command} ${row}` : row), '');
}
