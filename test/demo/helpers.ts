// Shared by the demo tests: token requests with real client credentials, process liveness
// and a metrics line reader. Each request uses a fresh connection (reset) so a stopped
// Authority is observed as a refused connection, not as a stale keep-alive socket.
import {readdirSync, readFileSync} from 'node:fs';
import {request} from 'undici';
import type {DemoAuthority} from '../../source/demo/authority.js';

export interface TokenReply {
	readonly statusCode: number;
	readonly body: Record<string, unknown>;
	readonly elapsedMs: number;
}

export async function requestToken(
	authority: Pick<DemoAuthority, 'tokenEndpoint' | 'clientId'>,
	secret: string,
	style: 'basic' | 'post' = 'basic',
	path = '',
): Promise<TokenReply> {
	const form = new URLSearchParams({grant_type: 'client_credentials'});
	const headers: Record<string, string> = {'content-type': 'application/x-www-form-urlencoded'};
	if (style === 'basic') {
		headers.authorization = `Basic ${Buffer.from(`${authority.clientId}:${secret}`).toString('base64')}`;
	} else {
		form.set('client_id', authority.clientId);
		form.set('client_secret', secret);
	}
	const startedAt = performance.now();
	const response = await request(authority.tokenEndpoint + path, {method: 'POST', headers, body: form.toString(), reset: true});
	const body = (await response.body.json()) as Record<string, unknown>;
	return {statusCode: response.statusCode, body, elapsedMs: performance.now() - startedAt};
}

/** The error code of a request that failed at the connection level. */
export async function connectionError(url: string): Promise<string | undefined> {
	try {
		const response = await request(url, {method: 'POST', body: '', reset: true});
		await response.body.dump();
		return undefined;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code;
	}
}

/** Alive and not a zombie (an unreaped zombie still answers kill 0). */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return false;
	}
}

export async function waitUntil(condition: () => boolean, timeoutMs: number, stepMs = 50): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (condition()) return true;
		await new Promise(resolve => setTimeout(resolve, stepMs));
	}
	return condition();
}

/** The value of an unlabelled series in Prometheus text exposition. */
export function metricValue(exposition: string, name: string): number | undefined {
	const line = exposition.split('\n').find(candidate => candidate.startsWith(`${name} `));
	return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

export async function scrape(metricsUrl: string): Promise<string> {
	const response = await request(metricsUrl, {reset: true});
	const text = await response.body.text();
	if (response.statusCode !== 200) throw new Error(`metrics answered ${response.statusCode}`);
	return text;
}

/** Live child processes of this process running the demo Authority's entry. */
export function authorityChildren(): number[] {
	const found: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (ppid !== process.pid) continue;
			const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
			if (/authority-main\.ts|demo-authority\.js/.test(cmdline) && isAlive(Number(entry))) found.push(Number(entry));
		} catch {
			// The process ended while we looked.
		}
	}
	return found;
}
