import http from 'node:http';
import {sanitizeLine} from '../text/sanitize.js';
import {CONTROL_HEADER, type DemoAuthorityStatus, type LogsReply} from './control-protocol.js';

const MAX_REPLY_BYTES = 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 5000;

/** The control server could not be asked (unreachable, timed out) or refused the request. */
export class ControlError extends Error {
	readonly unreachable: boolean;
	constructor(message: string, unreachable: boolean) {
		super(message);
		this.name = 'ControlError';
		this.unreachable = unreachable;
	}
}

export interface ControlClient {
	status(): Promise<DemoAuthorityStatus>;
	logs(limit?: number): Promise<string[]>;
	setLatency(ms: number): Promise<DemoAuthorityStatus>;
	stop(): Promise<DemoAuthorityStatus>;
	start(): Promise<DemoAuthorityStatus>;
	restart(): Promise<DemoAuthorityStatus>;
}

/**
 * Talks to the demo Authority's control server. Plain node:http on purpose: the product may
 * install a proxy-aware global undici dispatcher for its probe, and loopback control calls
 * must never go through a proxy.
 */
export function createControlClient(controlUrl: string, timeoutMs = DEFAULT_TIMEOUT_MS): ControlClient {
	const call = <T>(method: 'GET' | 'POST', path: string) => controlRequest<T>(controlUrl, method, path, timeoutMs);
	return {
		status: () => call<DemoAuthorityStatus>('GET', '/status'),
		logs: async limit => {
			const reply = await call<LogsReply>('GET', limit === undefined ? '/logs' : `/logs?limit=${limit}`);
			return Array.isArray(reply.lines) ? reply.lines.map(line => sanitizeLine(String(line))) : [];
		},
		setLatency: ms => call<DemoAuthorityStatus>('POST', `/latency?ms=${encodeURIComponent(String(ms))}`),
		stop: () => call<DemoAuthorityStatus>('POST', '/stop'),
		start: () => call<DemoAuthorityStatus>('POST', '/start'),
		restart: () => call<DemoAuthorityStatus>('POST', '/restart'),
	};
}

export function controlRequest<T>(controlUrl: string, method: 'GET' | 'POST', path: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
	let url: URL;
	try {
		url = new URL(path, controlUrl);
	} catch {
		return Promise.reject(new ControlError(`invalid control URL: ${sanitizeLine(controlUrl, 200)}`, true));
	}
	if (url.protocol !== 'http:') return Promise.reject(new ControlError('the control URL must be http://', true));

	return new Promise<T>((resolve, reject) => {
		const request = http.request(
			url,
			{
				method,
				headers: method === 'POST' ? {[CONTROL_HEADER]: '1', 'content-length': '0'} : {},
				agent: false,
				signal: AbortSignal.timeout(timeoutMs),
			},
			response => {
				const chunks: Buffer[] = [];
				let size = 0;
				response.on('data', (chunk: Buffer) => {
					size += chunk.length;
					if (size > MAX_REPLY_BYTES) {
						response.destroy();
						reject(new ControlError('control reply too large', false));
						return;
					}
					chunks.push(chunk);
				});
				response.on('error', error => reject(new ControlError(sanitizeLine(error.message), true)));
				response.on('end', () => {
					let body: unknown;
					try {
						body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
					} catch {
						reject(new ControlError(`control reply is not JSON (HTTP ${response.statusCode ?? '?'})`, false));
						return;
					}
					const code = response.statusCode ?? 0;
					if (code >= 200 && code < 300) resolve(body as T);
					else {
						const error = (body as {error?: unknown}).error;
						reject(new ControlError(sanitizeLine(typeof error === 'string' ? error : `HTTP ${code}`), false));
					}
				});
			},
		);
		request.on('error', error => {
			const message = error.name === 'TimeoutError' || error.name === 'AbortError' ? `no answer within ${timeoutMs} ms` : error.message;
			reject(new ControlError(sanitizeLine(message), true));
		});
		request.end();
	});
}
