// Stand-ins for docker, kubectl and stella: small real programs in a temp folder put first on
// PATH. Each records its argv (one JSON line per run) and then behaves as the test asks
// through STANDIN_MODE (or STANDIN_<NAME>, e.g. STANDIN_KUBECTL): print, fail, stream behind a
// gate, sleep, spawn a grandchild, ignore SIGTERM, print escape sequences.

import {execFileSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

const SCRIPT = String.raw`
const fs = require('fs');
const path = require('path');
const {spawn} = require('child_process');
const name = path.basename(process.argv[1]);
const args = process.argv.slice(2);
const env = process.env;
if (env.STANDIN_RECORD) fs.appendFileSync(env.STANDIN_RECORD, JSON.stringify({name, args, pid: process.pid}) + '\n');
const mode = env['STANDIN_' + name.toUpperCase()] || env.STANDIN_MODE || 'ok';
const forever = () => setInterval(() => {}, 1000);
const sleeper = 'process.on("SIGTERM", () => { if (process.env.STUBBORN !== "1") process.exit(0); }); setInterval(() => {}, 1000);';
function grandchild(stubborn, stdio) {
	const child = spawn(process.execPath, ['-e', sleeper], {stdio, env: {...env, STUBBORN: stubborn ? '1' : '0'}});
	if (env.STANDIN_PIDS) fs.appendFileSync(env.STANDIN_PIDS, child.pid + '\n');
	return child;
}
switch (mode) {
	case 'ok':
		console.log(name + ' ok: ' + args.join(' '));
		break;
	case 'context':
		console.log('prod-cluster');
		break;
	case 'fail':
		console.log('partial output');
		console.error(name + ': something failed');
		process.exitCode = 3;
		break;
	case 'gated': {
		console.log('first');
		const timer = setInterval(() => {
			if (fs.existsSync(env.STANDIN_GATE)) {
				clearInterval(timer);
				console.log('second');
			}
		}, 10);
		break;
	}
	case 'sleep':
		console.log('started');
		forever();
		break;
	case 'watch': {
		let n = 0;
		setInterval(() => console.log('tick ' + ++n), 40);
		break;
	}
	case 'grandchild':
	case 'stubborn': {
		const stubborn = mode === 'stubborn';
		if (stubborn) process.on('SIGTERM', () => {});
		const child = grandchild(stubborn, 'ignore');
		console.log('spawned ' + child.pid);
		forever();
		break;
	}
	case 'orphan': {
		const child = grandchild(false, 'ignore');
		child.unref();
		console.log('left ' + child.pid);
		break;
	}
	case 'escapes':
		process.stdout.write('\x1b[31mred\x1b[0m text\n');
		process.stdout.write('\x1b]52;c;aGFjaw==\x07clip\n');
		process.stdout.write('\x1b]0;evil title\x07title\n');
		process.stdout.write('bell\x07 and \u202eoverride\n');
		break;
	case 'long':
		console.log('x'.repeat(100000));
		console.log('after');
		break;
	case 'many':
		for (let i = 1; i <= Number(env.STANDIN_COUNT || 20); i++) console.log('line ' + i);
		break;
	case 'describe':
		process.stdout.write([
			'Name:         stellaops-authority-0',
			'Namespace:    stellaops',
			'Containers:',
			'  authority:',
			'    Image:          stellaops/authority:1.0',
			'    Liveness:       http-get http://:80/health/live delay=10s timeout=1s period=10s #success=1 #failure=3',
			'    Readiness:      http-get http://:80/health/ready delay=5s timeout=1s period=5s #success=1 #failure=3',
			'    Environment:    <none>',
			'    Mounts:         <none>',
			'    l1',
			'    l2',
			'    l3',
			'    l4',
			'Conditions:',
			'  Ready True',
		].join('\n') + '\n');
		break;
	default:
		console.error('unknown stand-in mode ' + mode);
		process.exitCode = 99;
}
`;

export interface StandIns {
	readonly dir: string;
	/** The stand-ins first, then the real PATH (node, grep, ps). */
	readonly path: string;
	readonly recordFile: string;
	readonly pidsFile: string;
	readonly gateFile: string;
	/** Environment for a runner: PATH plus the stand-ins' settings. */
	env(extra?: Record<string, string>): NodeJS.ProcessEnv;
	/** Every recorded run, in order. */
	records(): Array<{name: string; args: string[]; pid: number}>;
	grandchildPids(): number[];
	cleanup(): void;
}

export function makeStandIns(names: readonly string[] = ['docker', 'kubectl', 'stella']): StandIns {
	const dir = mkdtempSync(path.join(tmpdir(), 'stella-standins-'));
	const bin = path.join(dir, 'bin');
	mkdirSync(bin);
	for (const name of names) {
		const file = path.join(bin, name);
		writeFileSync(file, `#!${process.execPath}\n${SCRIPT}`);
		chmodSync(file, 0o755);
	}
	const recordFile = path.join(dir, 'record.jsonl');
	const pidsFile = path.join(dir, 'pids.txt');
	const gateFile = path.join(dir, 'gate');
	const realPath = process.env['PATH'] ?? '/usr/bin:/bin';
	const fullPath = `${bin}${path.delimiter}${realPath}`;
	return {
		dir: bin,
		path: fullPath,
		recordFile,
		pidsFile,
		gateFile,
		env: (extra = {}) => ({
			PATH: fullPath,
			HOME: dir,
			STANDIN_RECORD: recordFile,
			STANDIN_PIDS: pidsFile,
			STANDIN_GATE: gateFile,
			...extra,
		}),
		records: () =>
			existsSync(recordFile)
				? readFileSync(recordFile, 'utf8')
						.trim()
						.split('\n')
						.filter(Boolean)
						.map(line => JSON.parse(line) as {name: string; args: string[]; pid: number})
				: [],
		grandchildPids: () =>
			existsSync(pidsFile)
				? readFileSync(pidsFile, 'utf8').trim().split('\n').filter(Boolean).map(Number)
				: [],
		cleanup: () => rmSync(dir, {recursive: true, force: true}),
	};
}

/** Live (non-zombie) processes whose process group is `pgid`, from ps. */
export function liveInGroup(pgid: number): number[] {
	const out = execFileSync('ps', ['-eo', 'pid=,pgid=,stat='], {encoding: 'utf8'});
	return out
		.split('\n')
		.map(line => line.trim().split(/\s+/))
		.filter(([, group, stat]) => Number(group) === pgid && stat !== undefined && !stat.startsWith('Z'))
		.map(([pid]) => Number(pid));
}

/** Whether a pid is a live (non-zombie) process. */
export function isAlive(pid: number): boolean {
	const out = execFileSync('ps', ['-eo', 'pid=,stat='], {encoding: 'utf8'});
	return out.split('\n').some(line => {
		const [p, stat] = line.trim().split(/\s+/);
		return Number(p) === pid && stat !== undefined && !stat.startsWith('Z');
	});
}

/** Polls until `check` holds or `ms` passed (a correctness bound, not a benchmark). */
export async function eventually(check: () => boolean, ms = 3000): Promise<boolean> {
	const deadline = Date.now() + ms;
	while (Date.now() < deadline) {
		if (check()) return true;
		await new Promise(resolve => setTimeout(resolve, 25));
	}
	return check();
}
