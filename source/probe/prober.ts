// The probe: one POST to the token endpoint per call, on a fresh connection, with a precise
// deadline and a capped body read. It never throws: every outcome becomes a Sample.

import {performance} from 'node:perf_hooks';
import {Agent, EnvHttpProxyAgent, type Dispatcher} from 'undici';
import type {ProbeMode, Sample} from '../../checks/types.js';
import {decodeUtf8} from '../text/sanitize.js';
import {describeProbeError} from './describe-error.js';
import {judgeAnswer} from './judge-response.js';
import {redactForms, secretForms} from './redact-credentials.js';
import {newPhaseMarks, phasesFrom, type PhaseMarks} from './phase-recorder.js';
import {proxyFor, usesProxy, type ProxySettings} from './proxy-settings.js';
import {contextWithCa} from './tls-context.js';
import {timedConnector, type TlsOptions} from './timed-connector.js';

export const DEFAULT_BODY_LIMIT = 64 * 1024;

export interface ClientCredentials {
	readonly clientId: string;
	readonly clientSecret: string;
}

export interface ProbeOptions {
	readonly endpoint: string;
	readonly timeoutMs: number;
	readonly credentials?: ClientCredentials | null;
	readonly ca?: string | Buffer;
	readonly insecure?: boolean;
	readonly bodyLimitBytes?: number;
	readonly proxy?: ProxySettings;
	/** Wall clock for the sample's timestamp. */
	readonly wallClock?: () => number;
	/** Monotonic clock for durations. */
	readonly monotonic?: () => number;
}

export interface Prober {
	probe(): Promise<Sample>;
	close(): Promise<void>;
}

// The same grant either way: without credentials a healthy Authority answers 400 or 401, which
// proves it is alive; with them it issues a real token.
function formBody(): string {
	return new URLSearchParams({grant_type: 'client_credentials'}).toString();
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded. */
function basicAuthorization({clientId, clientSecret}: ClientCredentials): string {
	const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
	return 'Basic ' + Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64');
}

/**
 * A header as text. undici hands header bytes over as latin1; servers put UTF-8 there (a
 * Location with non-ASCII path), so the bytes are decoded again as UTF-8: invalid sequences
 * become U+FFFD and a UTF-8 bidi override becomes itself, for sanitizeLine to remove.
 */
function headerValue(value: string | string[] | undefined): string | null {
	const first = Array.isArray(value) ? value[0] : value;
	return first === undefined ? null : decodeUtf8(Buffer.from(first, 'latin1'));
}

async function readCapped(body: Dispatcher.ResponseData['body'], limit: number): Promise<{text: string; truncated: boolean}> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body as AsyncIterable<Buffer>) {
		if (size + chunk.length > limit) {
			chunks.push(chunk.subarray(0, limit - size));
			size = limit;
			// The rest is not wanted: drop the connection rather than download megabytes.
			body.destroy();
			return {text: decodeUtf8(Buffer.concat(chunks)), truncated: true};
		}
		chunks.push(chunk);
		size += chunk.length;
	}
	return {text: decodeUtf8(Buffer.concat(chunks)), truncated: false};
}

export function createProber(options: ProbeOptions): Prober {
	const url = new URL(options.endpoint);
	const mode: ProbeMode = options.credentials ? 'client_credentials' : 'reachability';
	const insecure = options.insecure === true;
	// Node's `ca` replaces the bundled roots; --ca is meant to add one CA to them. The context
	// is built once: building it per connection parses ~150 roots, ~30 ms on every probe.
	const secureContext = options.ca === undefined ? undefined : contextWithCa(options.ca);
	const tls: TlsOptions = {secureContext, rejectUnauthorized: !insecure};
	const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
	const wallClock = options.wallClock ?? Date.now;
	const monotonic = options.monotonic ?? (() => performance.now());
	const proxy = options.proxy ?? {};
	const open = new Set<Dispatcher>();

	// A fresh dispatcher per probe: a new connection every time, so an idle keep-alive
	// connection closed by the server can never show up as a false failure, and the time is
	// comparable with curl's time_total.
	function dispatcherFor(marks: PhaseMarks): Dispatcher {
		const connect = timedConnector(tls, options.timeoutMs, marks, monotonic);
		if (!usesProxy(proxy)) return new Agent({connect, pipelining: 0});
		return new EnvHttpProxyAgent({
			connect,
			// '' rather than undefined: undici would otherwise read process.env behind our back.
			httpProxy: proxy.httpProxy ?? '',
			httpsProxy: proxy.httpsProxy ?? '',
			noProxy: proxy.noProxy ?? '',
			requestTls: tls,
			// http endpoints go to the proxy in absolute form, as curl sends them: many proxies
			// only allow CONNECT to port 443.
			proxyTunnel: false,
			pipelining: 0,
		});
	}

	async function probe(): Promise<Sample> {
		const startedAt = wallClock();
		const marks = newPhaseMarks(monotonic);
		const dispatcher = dispatcherFor(marks);
		open.add(dispatcher);
		const headers: Record<string, string> = {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'application/json',
			'user-agent': 'stella-doctor-tui',
		};
		if (options.credentials) headers.authorization = basicAuthorization(options.credentials);
		const secrets = secretForms(options.credentials, headers.authorization ?? null);
		const redact = (text: string | null) => (text === null ? null : redactForms(text, secrets));
		// Only an https endpoint has a certificate to skip checking; over http the flag changes nothing.
		const base = {endpoint: options.endpoint, startedAt, mode, insecure: insecure && url.protocol === 'https:'};
		const deadline = AbortSignal.timeout(options.timeoutMs);
		const errorContext = (gotHeaders: boolean) => ({
			timeoutMs: options.timeoutMs,
			gotHeaders,
			hostname: url.hostname,
			timedOut: deadline.aborted,
			// Our timed connector never ran: the connection (if any) was made to the proxy.
			proxy: proxyFor(url, proxy) !== undefined && marks.connectStart === undefined ? proxyFor(url, proxy) : null,
		});
		/** No usable answer: before the headers (httpStatus null) or while reading the body. */
		const failed = (error: unknown, httpStatus: number | null): Sample => ({
			...base,
			available: false,
			responseTimeMs: null,
			httpStatus,
			error: redact(describeProbeError(error, errorContext(httpStatus !== null))),
			phases: phasesFrom(marks),
		});
		try {
			const response = await dispatcher.request({
				origin: url.origin,
				path: `${url.pathname}${url.search}`,
				method: 'POST',
				headers,
				body: formBody(),
				signal: deadline,
			});
			marks.headers = monotonic();
			try {
				const {text, truncated} = await readCapped(response.body, limit);
				marks.bodyDone = monotonic();
				const judgement = judgeAnswer(
					{
						status: response.statusCode,
						location: redact(headerValue(response.headers.location)),
						retryAfter: redact(headerValue(response.headers['retry-after'])),
						contentType: headerValue(response.headers['content-type']),
						body: redactForms(text, secrets),
						truncated,
						bodyLimit: limit,
					},
					mode,
				);
				return {
					...base,
					...judgement,
					error: redact(judgement.error),
					responseTimeMs: marks.bodyDone - marks.start,
					httpStatus: response.statusCode,
					phases: phasesFrom(marks),
				};
			} catch (error) {
				return failed(error, response.statusCode);
			}
		} catch (error) {
			return failed(error, null);
		} finally {
			open.delete(dispatcher);
			// Nothing is reused; end the connection now instead of waiting for idle timers.
			dispatcher.destroy().catch(() => {});
		}
	}

	return {
		probe,
		async close() {
			await Promise.all([...open].map(async dispatcher => dispatcher.destroy().catch(() => {})));
		},
	};
}
