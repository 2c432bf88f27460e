// Turns whatever a failed request threw into one line a person on call understands. Node's
// own messages are kept where they are already precise (`connect ECONNREFUSED
// 127.0.0.1:5000`, `getaddrinfo ENOTFOUND auth.example`); TLS codes get words.

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
}

export function describeProbeError(thrown: unknown, context: ErrorContext): string {
	const error = asErrorLike(thrown);
	if (error.name === 'TimeoutError' || error.code === 'UND_ERR_ABORTED' || error.name === 'AbortError') {
		return sanitizeLine(
			context.gotHeaders
				? `response body not complete within ${context.timeoutMs} ms`
				: `no response within ${context.timeoutMs} ms`,
		);
	}
	const cause = rootCause(error);
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
	if (code === 'UND_ERR_HEADERS_OVERFLOW') return 'response headers too large';
	if (code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_')) return sanitizeLine(`invalid HTTP response (${code})`);
	const message = cause.message || error.message || code || 'unknown error';
	return sanitizeLine(message, 300);
}
