import http from 'node:http';
import type {AddressInfo} from 'node:net';
import type {RequestHandler} from './token-provider.js';

/**
 * The Authority's listening socket, which can be really closed and opened again on the same
 * port. Stopping closes the listener and every open connection, so a client sees a genuine
 * ECONNREFUSED — not a simulated error — while the process (and its counts) stays alive.
 */
export class AuthorityListener {
	readonly #handler: RequestHandler;
	readonly #host: string;
	#port: number;
	#server: http.Server | null = null;

	constructor(handler: RequestHandler, port: number, host = '127.0.0.1') {
		this.#handler = handler;
		this.#port = port;
		this.#host = host;
	}

	get running(): boolean {
		return this.#server !== null;
	}

	/** The bound port; 0 until the first start when a free port was asked for. */
	get port(): number {
		return this.#port;
	}

	/** Opens the listener; a no-op when already running. Rejects e.g. with EADDRINUSE. */
	async start(): Promise<void> {
		if (this.#server) return;
		const server = http.createServer(this.#handler);
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.#port, this.#host, () => {
				server.off('error', reject);
				resolve();
			});
		});
		this.#port = (server.address() as AddressInfo).port;
		this.#server = server;
	}

	/** Closes the listener and drops every connection; a no-op when already stopped. */
	async stop(): Promise<void> {
		const server = this.#server;
		if (!server) return;
		this.#server = null;
		const closed = new Promise<void>(resolve => server.close(() => resolve()));
		server.closeAllConnections();
		await closed;
	}
}
