// A plain node:http server on loopback for the metrics sources' tests: each test says what
// the server answers; the server records what it was asked.

import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

export interface RawServer {
	readonly url: string;
	readonly requests: IncomingMessage[];
	close(): Promise<void>;
}

export async function startRawServer(
	handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<RawServer> {
	const requests: IncomingMessage[] = [];
	const server = createServer((request, response) => {
		requests.push(request);
		handler(request, response);
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: () =>
			new Promise<void>(resolve => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** Answers with a fixed status, content type and body. */
export function answer(status: number, contentType: string, body: string) {
	return (_request: IncomingMessage, response: ServerResponse) => {
		response.writeHead(status, {'content-type': contentType});
		response.end(body);
	};
}
