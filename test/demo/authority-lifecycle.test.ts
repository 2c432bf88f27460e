import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {createServer, type Server} from 'node:net';
import {createRequire} from 'node:module';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {startDemoAuthority, type DemoAuthority} from '../../source/demo/authority.js';
import {ControlError, createControlClient} from '../../source/demo/control-client.js';
import {authorityChildren, connectionError, isAlive, requestToken, waitUntil} from './helpers.js';

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const parentScript = fileURLToPath(new URL('./fixtures/authority-parent.ts', import.meta.url));

function listenOnFreePort(): Promise<Server> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve(server));
	});
}

function portOf(server: Server): number {
	return (server.address() as {port: number}).port;
}

describe('demo Authority lifecycle', () => {
	const cleanups: Array<() => Promise<void> | void> = [];
	afterEach(async () => {
		for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
	});

	it('honours port and latency options, keeps the secret out of argv and environment, and close() leaves no process', async () => {
		const probe = await listenOnFreePort();
		const port = portOf(probe);
		await new Promise(resolve => probe.close(resolve));

		const authority: DemoAuthority = await startDemoAuthority({port, latencyMs: 150});
		cleanups.push(() => authority.close());
		expect(authority.tokenEndpoint).toBe(`http://127.0.0.1:${port}/connect/token`);
		expect((await authority.status()).latencyMs).toBe(150);
		expect((await requestToken(authority, authority.clientSecret)).statusCode).toBe(200);

		const cmdline = readFileSync(`/proc/${authority.pid}/cmdline`, 'utf8');
		const environ = readFileSync(`/proc/${authority.pid}/environ`, 'utf8');
		expect(cmdline).toMatch(/authority-main\.ts|demo-authority\.js/);
		expect(cmdline).not.toContain(authority.clientSecret);
		expect(environ).not.toContain(authority.clientSecret);

		expect(authorityChildren()).toEqual([authority.pid]);
		await authority.close();
		expect(authorityChildren()).toEqual([]);
		expect(isAlive(authority.pid)).toBe(false);
		expect(await connectionError(authority.tokenEndpoint)).toBe('ECONNREFUSED');
		const error = await createControlClient(authority.controlUrl).status().catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ControlError);
		expect((error as ControlError).unreachable).toBe(true);
		await authority.close(); // twice is fine
	});

	it('fails to start with a clear error when the port is taken, leaving no process', async () => {
		const occupier = await listenOnFreePort();
		cleanups.push(() => new Promise<void>(resolve => occupier.close(() => resolve())));
		expect(authorityChildren()).toEqual([]);
		await expect(startDemoAuthority({port: portOf(occupier)})).rejects.toThrow(/EADDRINUSE/);
		expect(authorityChildren()).toEqual([]);
	});

	it('rejects invalid options before starting anything', async () => {
		await expect(startDemoAuthority({port: 70_000})).rejects.toThrow(RangeError);
		await expect(startDemoAuthority({latencyMs: -1})).rejects.toThrow(RangeError);
	});

	it('does not outlive a parent killed with SIGKILL, and never writes to the parent’s output', async () => {
		const parent = spawn(process.execPath, ['--import', tsxLoader, parentScript], {stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		parent.stdout.on('data', chunk => (stdout += String(chunk)));
		parent.stderr.on('data', chunk => (stderr += String(chunk)));
		const parentExited = new Promise(resolve => parent.once('exit', resolve));
		cleanups.push(async () => {
			if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
			await parentExited;
		});

		expect(await waitUntil(() => stdout.includes('\n'), 20_000)).toBe(true);
		const {pid, tokenEndpoint} = JSON.parse(stdout.split('\n')[0]!) as {pid: number; tokenEndpoint: string};
		cleanups.push(() => {
			if (isAlive(pid)) process.kill(pid, 'SIGKILL');
		});
		expect(isAlive(pid)).toBe(true);
		expect(await connectionError(tokenEndpoint)).toBeUndefined();

		parent.kill('SIGKILL');
		await parentExited;
		expect(await waitUntil(() => !isAlive(pid), 10_000)).toBe(true);
		expect(await connectionError(tokenEndpoint)).toBe('ECONNREFUSED');
		// Only the parent's own line: the child's "unsupported runtime" warning and other
		// output stayed inside the child.
		expect(stdout.trim().split('\n')).toHaveLength(1);
		expect(stderr).toBe('');
	});
});
