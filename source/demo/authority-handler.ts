import {performance} from 'node:perf_hooks';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {METRICS_PATH, TOKEN_PATH} from './control-protocol.js';
import type {RequestHandler} from './token-provider.js';

export interface AuthorityHandlerDeps {
	/** The OAuth2 provider; null while it is still being created. */
	readonly provider: () => RequestHandler | null;
	/** Current added latency for the token endpoint, ms. */
	readonly latencyMs: () => number;
	readonly metrics: {exposition(): Promise<string>; readonly contentType: string};
	readonly log: (line: string) => void;
}

/** Path without the query string: a query may carry anything, including a secret. */
function pathOf(url: string | undefined): string {
	const path = (url ?? '/').split('?', 1)[0] ?? '/';
	return path.length > 100 ? `${path.slice(0, 100)}…` : path;
}

/**
 * Everything the Authority's port answers: its own /metrics, and the OAuth2 provider with the
 * latency switch in front of the token endpoint. Each request except scrapes gets a log line
 * (scrapes every few seconds would drown the lines an operator wants to read).
 */
export function createAuthorityHandler(deps: AuthorityHandlerDeps): RequestHandler {
	return (request: IncomingMessage, response: ServerResponse) => {
		const path = pathOf(request.url);
		if (path === METRICS_PATH && (request.method === 'GET' || request.method === 'HEAD')) {
			serveMetrics(deps, response);
			return;
		}

		const startedAt = performance.now();
		response.once('close', () => {
			const ms = Math.round(performance.now() - startedAt);
			const outcome = response.writableFinished ? String(response.statusCode) : 'aborted';
			deps.log(`${request.method ?? '?'} ${path} ${outcome} ${ms} ms`);
		});

		const delay = path === TOKEN_PATH ? deps.latencyMs() : 0;
		if (delay <= 0) {
			handOver(deps, request, response);
			return;
		}
		// The delay is taken before the provider reads the request, like a server whose
		// worker pool is saturated. A connection dropped meanwhile (client gave up, or the
		// Authority was stopped) cancels the hand-over.
		const timer = setTimeout(() => {
			response.off('close', cancel);
			if (!response.destroyed) handOver(deps, request, response);
		}, delay);
		const cancel = () => clearTimeout(timer);
		response.once('close', cancel);
	};
}

function handOver(deps: AuthorityHandlerDeps, request: IncomingMessage, response: ServerResponse): void {
	const provider = deps.provider();
	if (!provider) {
		response.writeHead(503, {'content-type': 'text/plain'}).end('starting\n');
		return;
	}
	provider(request, response);
}

function serveMetrics(deps: AuthorityHandlerDeps, response: ServerResponse): void {
	deps.metrics.exposition().then(
		text => {
			response.writeHead(200, {'content-type': deps.metrics.contentType}).end(text);
		},
		(error: unknown) => {
			deps.log(`metrics exposition failed: ${String(error)}`);
			response.writeHead(500, {'content-type': 'text/plain'}).end('metrics unavailable\n');
		},
	);
}
