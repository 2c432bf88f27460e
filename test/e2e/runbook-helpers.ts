// Stand-ins for docker, kubectl and stella whose behaviour follows their argv, for driving
// whole runbooks through the built CLI: every run is recorded (one JSON line); a `--watch`
// run prints a line every 100 ms forever and spawns a grandchild (so cancel must end the
// whole group); any other run prints a first line, waits until the gate file exists, prints
// a second line and exits 0 (so the test sees output stream while the step still runs).
// Plus a quiet local token endpoint for the probe side.

import {chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {listProcesses} from './cli-helpers.js';
import {childEnv} from './tui-terminal.js';

const SCRIPT = String.raw`
const fs = require('fs');
const path = require('path');
const {spawn} = require('child_process');
const name = path.basename(process.argv[1]);
const args = process.argv.slice(2);
const env = process.env;
fs.appendFileSync(env.STANDIN_RECORD, JSON.stringify({name, args, pid: process.pid}) + '\n');
if (args.includes('--watch')) {
	// The stand-in's folder as an argument marks the grandchild as ours for cleanup.
	const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', path.dirname(__dirname)], {stdio: 'ignore'});
	fs.appendFileSync(env.STANDIN_PIDS, child.pid + '\n');
	let n = 0;
	setInterval(() => console.log('tick ' + ++n), 100);
} else {
	console.log('first line :: ' + name + ' ' + args.join(' '));
	const timer = setInterval(() => {
		// The test's folder is gone (its CLI was killed outright): nobody will open the gate.
		if (!fs.existsSync(path.dirname(env.STANDIN_RECORD))) process.exit(1);
		if (!fs.existsSync(env.STANDIN_GATE)) return;
		clearInterval(timer);
		console.log('second line :: ' + name + ' done');
	}, 20);
}
`;

export interface StandInRecord {
	readonly name: string;
	readonly args: string[];
	readonly pid: number;
}

export interface RunbookStandIns {
	/** Temp folder holding bin/, the records, the gate and the audit log. */
	readonly root: string;
	readonly auditLog: string;
	/** The CLI's environment: stand-ins FIRST on PATH (real docker/kubectl exist here), no CI. */
	env(): Record<string, string>;
	records(): StandInRecord[];
	grandchildPids(): number[];
	openGate(): void;
	closeGate(): void;
	/** The audit log's lines, parsed. */
	auditEntries(): Array<Record<string, unknown>>;
	/** Kills whatever stand-in or grandchild is still alive (after a failed test), then removes the folder. */
	cleanup(): void;
}

export function makeRunbookStandIns(names: readonly string[] = ['docker', 'kubectl', 'stella']): RunbookStandIns {
	const root = mkdtempSync(path.join(tmpdir(), 'stella-e2e-runbook-'));
	const bin = path.join(root, 'bin');
	mkdirSync(bin);
	for (const name of names) {
		const file = path.join(bin, name);
		writeFileSync(file, `#!${process.execPath}\n${SCRIPT}`);
		chmodSync(file, 0o755);
	}
	const recordFile = path.join(root, 'record.jsonl');
	const pidsFile = path.join(root, 'pids.txt');
	const gateFile = path.join(root, 'gate');
	const auditLog = path.join(root, 'audit.jsonl');
	const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
	return {
		root,
		auditLog,
		env: () =>
			childEnv({
				PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? '/usr/bin:/bin'}`,
				STANDIN_RECORD: recordFile,
				STANDIN_PIDS: pidsFile,
				STANDIN_GATE: gateFile,
			}),
		records: () => lines(recordFile).map(line => JSON.parse(line) as StandInRecord),
		grandchildPids: () => lines(pidsFile).map(Number),
		openGate: () => writeFileSync(gateFile, ''),
		closeGate: () => rmSync(gateFile, {force: true}),
		auditEntries: () => lines(auditLog).map(line => JSON.parse(line) as Record<string, unknown>),
		cleanup() {
			// Only processes whose command line names this folder: a recorded pid may have been reused.
			const ours = listProcesses().filter(info => info.args.includes(root));
			for (const {pid} of ours) {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					// Gone meanwhile.
				}
			}
			rmSync(root, {recursive: true, force: true});
		},
	};
}

export interface QuietEndpoint {
	/** http://127.0.0.1:PORT/connect/token */
	readonly url: string;
	close(): Promise<void>;
}

/** A token endpoint that answers at once (400 invalid_client), so the probe side stays PASS and quiet. */
export async function startQuietEndpoint(): Promise<QuietEndpoint> {
	const server: Server = createServer((request, response) => {
		request.resume();
		response.writeHead(400, {'content-type': 'application/json'});
		response.end('{"error":"invalid_client"}');
	});
	await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/connect/token`,
		close: () =>
			new Promise<void>(done => {
				server.closeAllConnections();
				server.close(() => done());
			}),
	};
}
