// Turns whatever a failed request threw into one line a person on call understands. Node's
// own messages are kept where they are already precise (`connect ECONNREFUSED
// 127.0.0.1:5000`, `getaddrinfo ENOTFOUND auth.example`); TLS codes get words.

import {STATUS_CODES} from 'node:http';
import {sanitizeLine} from '../text/sanitize.js';

const TLS_WORDS: Record<string, string> = {
	DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate is self-signed',
	SELF_SIGNED_CERT_IN_CHAIN: 'certificate chain ends in a self-signed certificate that is not trusted',
	CERT_HAS_EXPIRED: 'certificate has expired',
	CERT_NOT_YET_VALID: 'certificate is not yet valid',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate issuer is not trusted (unable to verify the first certificate)',
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate issuer is not trusted (issuer certificate not found)',
	UNABLE_TO_GET_ISSUER_CERT: 'certificate issuer is not trusted (issuer certificate not found)',
	CERT_REVOKED: 'certificate has been revoked',
	CERT_SIGNATURE_FAILURE: 'certificate signature is invalid',
	ERR_SSL_WRONG_VERSION_NUMBER: 'TLS handshake failed: the server does not speak TLS on this port',
};

interface ErrorLike {
	name?: string;
	code?: string;
	message?: string;
	cause?: unknown;
	errors?: unknown[];
	host?: string;
	syscall?: string;
	address?: string;
	port?: number;
	hostname?: string;
}

function asErrorLike(value: unknown): ErrorLike {
	return typeof value === 'object' && value !== null ? (value as ErrorLike) : {message: String(value)};
}

/** The innermost error that carries a system or TLS code, or the error itself. */
function rootCause(error: ErrorLike): ErrorLike {
	let current = error;
	for (let depth = 0; depth < 5; depth++) {
		if (current.code && !current.code.startsWith('UND_ERR')) return current;
		if (current.cause === undefined) return current;
		current = asErrorLike(current.cause);
	}
	return current;
}

export interface ErrorContext {
	readonly timeoutMs: number;
	/** Headers had arrived when the error happened (the body stalled or broke). */
	readonly gotHeaders: boolean;
	readonly hostname: string;
	/**
	 * The probe's own deadline fired. When given, it alone decides whether this was a
	 * timeout: undici also uses abort errors for other things (a proxy refusing a tunnel).
	 */
	readonly timedOut?: boolean;
	/** The proxy this request was sent through, if any (URL as configured). */
	readonly proxy?: string | null;
}

// undici's words when a proxy answers CONNECT with anything but 200.
const TUNNEL_REFUSED = /^Proxy response \((\d{3})\) !== 200 when HTTP Tunneling$/;

function statusText(status: number): string {
	const text = STATUS_CODES[status];
	return text ? `HTTP ${status} ${text}` : `HTTP ${status}`;
}

/** `127.0.0.1:3128` for a proxy URL, or null if it is not one. */
function proxyAuthority(proxy: string): {hostname: string; port: number; label: string} | null {
	try {
		const url = new URL(proxy);
		const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
		const hostname = url.hostname.replace(/^\[|\]$/g, '');
		return {hostname, port, label: `${url.hostname}:${port}`};
	} catch {
		return null;
	}
}

/** Whether a system error happened on the way to the proxy rather than to the endpoint. */
function atProxy(cause: ErrorLike, proxy: {hostname: string; port: number}): boolean {
	if (cause.syscall === 'getaddrinfo') return cause.hostname === proxy.hostname;
	if (cause.port !== proxy.port) return false;
	// A proxy given by name was resolved to an address we cannot compare; the port must do.
	return cause.address === undefined || !/^[\d.:a-f]+$/i.test(proxy.hostname) || cause.address === proxy.hostname;
}

export function describeProbeError(thrown: unknown, context: ErrorContext): string {
	const error = asErrorLike(thrown);
	const timedOut =
		context.timedOut ?? (error.name === 'TimeoutError' || error.code === 'UND_ERR_ABORTED' || error.name === 'AbortError');
	if (timedOut) {
		return sanitizeLine(
			context.gotHeaders
				? `response body not complete within ${context.timeoutMs} ms`
				: `no response within ${context.timeoutMs} ms`,
		);
	}
	const tunnel = TUNNEL_REFUSED.exec(error.message ?? '');
	if (tunnel) {
		const where = context.proxy ? ` ${proxyAuthority(context.proxy)?.label ?? 'proxy'}` : '';
		return sanitizeLine(`proxy${where} refused the tunnel: ${statusText(Number(tunnel[1]))}`);
	}
	const cause = rootCause(error);
	const proxy = context.proxy ? proxyAuthority(context.proxy) : null;
	if (proxy && (cause.syscall === 'connect' || cause.syscall === 'getaddrinfo') && atProxy(cause, proxy)) {
		return sanitizeLine(`cannot reach the proxy ${proxy.label}: ${describeProbeError(cause, {...context, proxy: null})}`, 300);
	}
	// Happy-eyeballs connects try several addresses and throw them all at once.
	if (Array.isArray(cause.errors) && cause.errors.length > 0) {
		const messages = [...new Set(cause.errors.map(inner => describeProbeError(inner, context)))];
		return sanitizeLine(messages.join('; '));
	}
	const code = cause.code ?? '';
	if (code in TLS_WORDS) return sanitizeLine(TLS_WORDS[code]!);
	if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return sanitizeLine(`certificate is not valid for host ${context.hostname}`);
	if (code === 'ECONNRESET') {
		return context.gotHeaders ? 'connection reset by the server during the response' : 'connection reset by the server (ECONNRESET)';
	}
	if (code === 'UND_ERR_SOCKET' || error.code === 'UND_ERR_SOCKET') {
		return context.gotHeaders
			? 'connection closed by the server before the response was complete'
			: 'connection closed by the server without an answer';
	}
	if (code === 'UND_ERR_CONNECT_TIMEOUT' || error.code === 'UND_ERR_CONNECT_TIMEOUT') {
		return `could not connect within ${context.timeoutMs} ms`;
	}
	if (code === 'UND_ERR_DESTROYED' || code === 'UND_ERR_CLOSED') return 'probe cancelled: the prober was closed';
	if (code === 'UND_ERR_HEADERS_OVERFLOW') return 'response headers too large';
	if (code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_')) return sanitizeLine(`invalid HTTP response (${code})`);
	const message = cause.message || error.message || code || 'unknown error';
	return sanitizeLine(message, 300);
}
