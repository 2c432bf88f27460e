import {spawn, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import type {Readable} from 'node:stream';
import {decodeUtf8, sanitizeLines} from '../text/sanitize.js';
import {authorityEntryArgs} from './child-entry.js';
import {createControlClient} from './control-client.js';
import {
	DEMO_CLIENT_ID,
	isChildMessage,
	isValidLatency,
	MAX_LATENCY_MS,
	METRICS_PATH,
	TOKEN_PATH,
	type ConfigureMessage,
	type DemoAuthorityStatus,
} from './control-protocol.js';

export type {DemoAuthorityStatus} from './control-protocol.js';

export interface DemoAuthorityOptions {
	/** Loopback port for the Authority; 0 or absent picks a free one. */
	readonly port?: number;
	/** Initial delay before the token endpoint answers, ms. */
	readonly latencyMs?: number;
	/** How long the child may take to come up. */
	readonly readyTimeoutMs?: number;
}

/** A real OAuth2 Authority (oidc-provider) running in a child process on 127.0.0.1. */
export interface DemoAuthority {
	readonly issuer: string;
	readonly tokenEndpoint: string;
	readonly metricsUrl: string;
	readonly controlUrl: string;
	readonly clientId: string;
	/** Random per start. Not enumerable, so logging or serialising the handle does not leak it. */
	readonly clientSecret: string;
	readonly pid: number;
	setLatency(ms: number): Promise<DemoAuthorityStatus>;
	/** Closes the Authority's port for real (connections refused); the process stays. */
	stop(): Promise<DemoAuthorityStatus>;
	/** Opens the same port again; a no-op when running. */
	start(): Promise<DemoAuthorityStatus>;
	/** Stop, clear injected latency, start. */
	restart(): Promise<DemoAuthorityStatus>;
	status(): Promise<DemoAuthorityStatus>;
	/** The Authority's recent log lines, oldest first, sanitized. */
	logs(limit?: number): Promise<string[]>;
	/** Ends the child process and waits until it has exited. Safe to call twice. */
	close(): Promise<void>;
}

const STDERR_TAIL_LINES = 20;
const KILL_GRACE_MS = 3000;

export async function startDemoAuthority(options: DemoAuthorityOptions = {}): Promise<DemoAuthority> {
	const port = options.port ?? 0;
	const latencyMs = options.latencyMs ?? 0;
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be 0–65535, got ${port}`);
	if (!isValidLatency(latencyMs)) throw new RangeError(`latencyMs must be a whole number from 0 to ${MAX_LATENCY_MS}`);
	const clientSecret = randomBytes(24).toString('base64url');

	// stdout ignored, stderr piped into a bounded tail (only for start-up failure messages):
	// nothing the child prints can reach the parent's terminal.
	const child = spawn(process.execPath, authorityEntryArgs(), {stdio: ['ignore', 'ignore', 'pipe', 'ipc']});
	const stderrTail = collectTail(child.stderr!);
	// If the parent exits without close(), take the child along (its IPC disconnect would too,
	// a moment later; this covers process.exit() from a still-running event loop).
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);

	let ready: {port: number; controlPort: number};
	try {
		ready = await awaitReady(child, {type: 'configure', port, latencyMs, clientId: DEMO_CLIENT_ID, clientSecret}, options.readyTimeoutMs ?? 20_000, stderrTail);
	} catch (error) {
		process.off('exit', killOnExit);
		await endChild(child);
		throw error;
	}

	// The handle must not keep the parent's event loop alive on its own: a product that forgets
	// close() still exits, and the child follows through the IPC disconnect.
	child.unref();
	child.channel?.unref();
	(child.stderr as Readable & {unref?: () => void}).unref?.();

	const origin = `http://127.0.0.1:${ready.port}`;
	const controlUrl = `http://127.0.0.1:${ready.controlPort}`;
	const control = createControlClient(controlUrl);
	const handle: DemoAuthority = {
		issuer: origin,
		tokenEndpoint: origin + TOKEN_PATH,
		metricsUrl: origin + METRICS_PATH,
		controlUrl,
		clientId: DEMO_CLIENT_ID,
		clientSecret: '',
		pid: child.pid!,
		setLatency: ms => control.setLatency(ms),
		stop: () => control.stop(),
		start: () => control.start(),
		restart: () => control.restart(),
		status: () => control.status(),
		logs: limit => control.logs(limit),
		async close() {
			process.off('exit', killOnExit);
			await endChild(child);
		},
	};
	Object.defineProperty(handle, 'clientSecret', {value: clientSecret, enumerable: false});
	return Object.freeze(handle);
}

function awaitReady(
	child: ChildProcess,
	configure: ConfigureMessage,
	timeoutMs: number,
	stderrTail: () => string,
): Promise<{port: number; controlPort: number}> {
	return new Promise((resolve, reject) => {
		let failure: string | null = null;
		const cleanup = () => {
			clearTimeout(timer);
			child.off('message', onMessage);
			child.off('exit', onExit);
			child.off('error', onError);
		};
		const fail = (message: string) => {
			cleanup();
			reject(new Error(message));
		};
		const timer = setTimeout(() => fail(`demo Authority did not start within ${timeoutMs} ms${suffix(stderrTail())}`), timeoutMs);
		const onMessage = (message: unknown) => {
			if (!isChildMessage(message)) return;
			if (message.type === 'hello') child.send(configure);
			else if (message.type === 'failed') failure = message.error; // the child exits next
			else {
				cleanup();
				resolve({port: message.port, controlPort: message.controlPort});
			}
		};
		const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
			const how = signal ? `signal ${signal}` : `code ${code}`;
			fail(failure ? `demo Authority failed to start: ${sanitizeLines(failure)[0] ?? ''}` : `demo Authority exited (${how}) before it was ready${suffix(stderrTail())}`);
		};
		const onError = (error: Error) => fail(`cannot start the demo Authority: ${error.message}`);
		child.on('message', onMessage);
		child.on('exit', onExit);
		child.on('error', onError);
	});
}

function suffix(tail: string): string {
	return tail ? `: ${tail}` : '';
}

/** Keeps the last lines of a stream, sanitized, draining it so the child never blocks on a full pipe. */
function collectTail(stream: Readable): () => string {
	let pending = '';
	const lines: string[] = [];
	stream.on('data', (chunk: Buffer) => {
		pending += decodeUtf8(chunk);
		const parts = pending.split('\n');
		pending = (parts.pop() ?? '').slice(-4096);
		for (const part of parts) {
			const [line] = sanitizeLines(part);
			if (line) lines.push(line);
		}
		if (lines.length > STDERR_TAIL_LINES) lines.splice(0, lines.length - STDERR_TAIL_LINES);
	});
	stream.on('error', () => {});
	return () => [...lines, ...sanitizeLines(pending)].filter(Boolean).slice(-3).join(' | ');
}

async function endChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
	await exited;
	clearTimeout(timer);
}
