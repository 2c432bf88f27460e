import http from 'node:http';
import type {AddressInfo} from 'node:net';
import type {AuthorityControls} from './authority-runtime.js';
import {CONTROL_HEADER} from './control-protocol.js';

export interface ControlServer {
	readonly port: number;
	close(): Promise<void>;
}

type Route = (query: URLSearchParams) => unknown;

class BadRequest extends Error {}

/**
 * The demo Authority's remote control, on its own loopback port so it keeps answering while
 * the Authority's port is closed. GET reads (status, logs); POST acts (latency, stop, start,
 * restart) and must carry CONTROL_HEADER. Answers are JSON.
 */
export async function startControlServer(controls: AuthorityControls, log: (line: string) => void): Promise<ControlServer> {
	const reads: Record<string, Route> = {
		'/status': () => controls.status(),
		'/logs': query => ({lines: controls.logs(numberParam(query, 'limit', 50))}),
	};
	const actions: Record<string, Route> = {
		'/latency': query => controls.setLatency(numberParam(query, 'ms')),
		'/stop': () => controls.stop(),
		'/start': () => controls.start(),
		'/restart': () => controls.restart(),
	};

	const server = http.createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://control.invalid');
		const reply = (code: number, body: unknown) => {
			response.writeHead(code, {'content-type': 'application/json', 'cache-control': 'no-store'}).end(JSON.stringify(body));
		};
		const read = reads[url.pathname];
		const action = actions[url.pathname];
		let route: Route | undefined;
		if (read && request.method === 'GET') route = read;
		else if (action && request.method === 'POST') {
			if (request.headers[CONTROL_HEADER] !== '1') {
				reply(403, {error: `missing ${CONTROL_HEADER} header`});
				return;
			}
			route = action;
		} else if (read || action) {
			reply(405, {error: `${request.method ?? '?'} not allowed on ${url.pathname}`});
			return;
		} else {
			reply(404, {error: `no such control: ${url.pathname.slice(0, 100)}`});
			return;
		}
		// Control requests carry no body; drain whatever a client sent anyway.
		request.resume();
		Promise.resolve()
			.then(() => route(url.searchParams))
			.then(
				body => reply(200, body),
				(error: unknown) => {
					const message = error instanceof Error ? error.message : String(error);
					if (!(error instanceof BadRequest || error instanceof RangeError)) log(`control ${url.pathname} failed: ${message}`);
					reply(error instanceof BadRequest || error instanceof RangeError ? 400 : 500, {error: message});
				},
			);
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	return {
		port: (server.address() as AddressInfo).port,
		close: () =>
			new Promise<void>(resolve => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

function numberParam(query: URLSearchParams, name: string, fallback?: number): number {
	const raw = query.get(name);
	if (raw === null) {
		if (fallback === undefined) throw new BadRequest(`missing ${name}`);
		return fallback;
	}
	const value = Number(raw);
	if (raw.trim() === '' || !Number.isFinite(value)) throw new BadRequest(`${name} must be a number`);
	return value;
}
