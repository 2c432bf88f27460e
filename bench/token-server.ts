// A fast local stand-in for the Authority's token endpoint, so the figures measure the monitor
// and not a server: it answers at once, the way /connect/token answers — a token for a client
// that authenticates, an OAuth error otherwise (which the reachability probe counts as alive).

import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';

export interface TokenServer {
	readonly url: string;
	/** Token requests answered so far. */
	readonly requests: number;
	close(): Promise<void>;
}

export async function startTokenServer(): Promise<TokenServer> {
	let requests = 0;
	const server = createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			requests++;
			if (request.method !== 'POST' || !request.url?.startsWith('/connect/token')) {
				response.writeHead(404, {'content-type': 'application/json'});
				response.end('{"error":"not_found"}');
				return;
			}
			if (request.headers.authorization) {
				response.writeHead(200, {'content-type': 'application/json', 'cache-control': 'no-store'});
				response.end('{"access_token":"bench-token","token_type":"Bearer","expires_in":300}');
				return;
			}
			response.writeHead(400, {'content-type': 'application/json', 'cache-control': 'no-store'});
			response.end('{"error":"invalid_client","error_description":"client authentication failed"}');
		});
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/connect/token`,
		get requests() {
			return requests;
		},
		close: () =>
			new Promise<void>(resolve => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
