// One bounded HTTP GET for the metrics sources: a hard deadline, a cap on the body, and
// every failure turned into one safe line. Credentials in the URL (http://user:pass@host)
// are sent as a Basic header and never appear in any message.

import {getGlobalDispatcher, type Dispatcher} from 'undici';
import {decodeUtf8, sanitizeLine} from '../text/sanitize.js';

export const DEFAULT_METRICS_TIMEOUT_MS = 5000;
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface FetchTextOptions {
	readonly timeoutMs?: number;
	readonly maxBytes?: number;
	readonly accept?: string;
	/** Aborts the fetch early (the poller stopping). */
	readonly signal?: AbortSignal;
	/** For proxies or custom TLS; the global dispatcher otherwise. */
	readonly dispatcher?: Dispatcher;
}

export interface FetchedText {
	readonly status: number;
	readonly contentType: string;
	readonly text: string;
}

/** A failure whose message is already one safe line. */
export class FetchError extends Error {
	override readonly name = 'FetchError';
}

/** The URL without user info, for messages. */
export function displayUrl(url: URL): string {
	const copy = new URL(url.href);
	copy.username = '';
	copy.password = '';
	return copy.href;
}

function splitCredentials(url: URL): {target: URL; authorization: string | null} {
	if (url.username === '' && url.password === '') return {target: url, authorization: null};
	const user = decodeURIComponent(url.username);
	const pass = decodeURIComponent(url.password);
	const target = new URL(displayUrl(url));
	return {target, authorization: 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64')};
}

const NETWORK_CODES: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'DNS lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	ETIMEDOUT: 'connection timed out',
	UND_ERR_SOCKET: 'connection closed by the server',
	UND_ERR_CLOSED: 'connection closed',
};

/** One line a person understands, naming the URL (without credentials). */
export function describeFetchError(error: unknown, url: URL, timeoutMs: number): string {
	const where = displayUrl(url);
	if (error instanceof FetchError) return error.message;
	const record = (typeof error === 'object' && error !== null ? error : {}) as {
		name?: unknown;
		code?: unknown;
		message?: unknown;
		cause?: unknown;
	};
	if (record.name === 'TimeoutError') return sanitizeLine(`no answer from ${where} within ${timeoutMs} ms`);
	if (record.name === 'AbortError') return sanitizeLine(`fetch from ${where} cancelled`);
	const code = typeof record.code === 'string' ? record.code : null;
	if (code !== null && NETWORK_CODES[code]) return sanitizeLine(`${NETWORK_CODES[code]} (${where})`);
	const message = typeof record.message === 'string' && record.message !== '' ? record.message : String(error);
	return sanitizeLine(`${message} (${where})`);
}

async function readCapped(body: Dispatcher.ResponseData['body'], maxBytes: number, where: string): Promise<Uint8Array> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > maxBytes) {
			body.destroy();
			throw new FetchError(sanitizeLine(`answer from ${where} is larger than ${maxBytes} bytes`));
		}
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

/**
 * GETs `url` and returns the decoded body whatever the HTTP status (the caller decides what a
 * status means). Throws a FetchError with a safe one-line message on any failure.
 */
export async function fetchText(url: URL, options: FetchTextOptions = {}): Promise<FetchedText> {
	const timeoutMs = options.timeoutMs ?? DEFAULT_METRICS_TIMEOUT_MS;
	const maxBytes = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
	const {target, authorization} = splitCredentials(url);
	const where = displayUrl(url);
	// AbortSignal.timeout is precise; undici's own header/body timers tick once a second.
	const deadline = AbortSignal.timeout(timeoutMs);
	const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
	const headers: Record<string, string> = {accept: options.accept ?? '*/*'};
	if (authorization !== null) headers.authorization = authorization;
	try {
		const response = await (options.dispatcher ?? getGlobalDispatcher()).request({
			origin: target.origin,
			path: `${target.pathname}${target.search}`,
			method: 'GET',
			headers,
			signal,
		});
		const bytes = await readCapped(response.body, maxBytes, where);
		const type = response.headers['content-type'];
		return {
			status: response.statusCode,
			contentType: typeof type === 'string' ? type : '',
			text: decodeUtf8(bytes),
		};
	} catch (error) {
		throw new FetchError(describeFetchError(signal.aborted ? (signal.reason ?? error) : error, url, timeoutMs));
	}
}
