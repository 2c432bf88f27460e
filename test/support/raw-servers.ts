// Small real servers for the faults a real Authority cannot produce: raw `net` sockets,
// plain `http`/`https` handlers and a forward proxy. All listen on loopback only (127.0.0.1
// or ::1), count their open connections (to prove nothing leaks) and close every socket on
// close(), so a test leaves nothing behind.
//
//   const server = await startHttp((req, res) => res.end('{}'));
//   const sample = await createProber({endpoint: server.url('/connect/token'), timeoutMs: 2500}).probe();
//   await server.close();

import {createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server as HttpServer, type ServerResponse} from 'node:http';
import {createServer as createHttpsServer} from 'node:https';
import {connect as netConnect, createServer as createNetServer, type AddressInfo, type Server, type Socket} from 'node:net';

export type LoopbackHost = '127.0.0.1' | '::1';

export interface RawServer {
	readonly host: LoopbackHost;
	readonly port: number;
	/** `http://127.0.0.1:port/path` (brackets for ::1); `hostname` replaces the literal address. */
	url(path?: string, hostname?: string): string;
	/** Connections open right now. */
	openConnections(): number;
	/** Connections accepted since start. */
	acceptedConnections(): number;
	/** Stops listening and destroys every open connection. Safe to call twice. */
	close(): Promise<void>;
}

interface Listenable {
	listen(port: number, host: string, callback: () => void): unknown;
	once(event: 'error', listener: (error: Error) => void): unknown;
	on(event: string, listener: (...args: any[]) => void): unknown;
	off(event: string, listener: (...args: any[]) => void): unknown;
	address(): AddressInfo | string | null;
	close(callback?: (error?: Error) => void): unknown;
}

// Ports are chosen by hand, below the kernel's ephemeral range (32768 and up on Linux):
// another test that stops a server and then probes its old port (a real refusal) must not
// find one of ours there, answering in its place, because the kernel handed the port on.
const SERVER_PORTS = {from: 20_000, to: 27_000};
const CLOSED_PORTS = {from: 27_000, to: 32_000};

function randomPort(range: {from: number; to: number}): number {
	return range.from + Math.floor(Math.random() * (range.to - range.from));
}

function listenOn(server: Listenable, port: number, host: string): Promise<boolean> {
	return new Promise<boolean>((resolve, reject) => {
		const onError = (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(false) : reject(error));
		server.once('error', onError);
		server.listen(port, host, () => {
			server.off('error', onError);
			resolve(true);
		});
	});
}

async function listenSomewhere(server: Listenable, host: string, range: {from: number; to: number}): Promise<void> {
	for (let attempt = 0; attempt < 50; attempt++) {
		if (await listenOn(server, randomPort(range), host)) return;
	}
	throw new Error(`no free port in ${range.from}-${range.to}`);
}

async function track(server: Listenable, host: LoopbackHost, scheme: 'http' | 'https', port?: number): Promise<RawServer> {
	const sockets = new Set<Socket>();
	let accepted = 0;
	// TLS servers report the raw TCP socket on 'connection' as well: one entry per connection.
	server.on('connection', (socket: Socket) => {
		accepted++;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		// A peer that vanishes mid-write must not crash the test process.
		socket.on('error', () => {});
	});
	if (port === undefined) await listenSomewhere(server, host, SERVER_PORTS);
	else if (!(await listenOn(server, port, host))) throw new Error(`port ${port} is in use`);
	const address = server.address() as AddressInfo;
	let closed: Promise<void> | null = null;
	return {
		host,
		port: address.port,
		url(path = '/', hostname) {
			const name = hostname ?? (host === '::1' ? '[::1]' : host);
			return `${scheme}://${name}:${address.port}${path}`;
		},
		openConnections: () => sockets.size,
		acceptedConnections: () => accepted,
		close() {
			closed ??= new Promise<void>(resolve => {
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			});
			return closed;
		},
	};
}

export type HttpHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface HttpOptions {
	readonly host?: LoopbackHost;
	/** Reuse a port (to bring a stopped service back on the same address). */
	readonly port?: number;
	/** Idle keep-alive timeout in ms (Node's default is 5000). */
	readonly keepAliveTimeout?: number;
}

/** A plain HTTP server. The handler owns the response; a request body is always drained. */
export async function startHttp(handler: HttpHandler, options: HttpOptions = {}): Promise<RawServer & {readonly server: HttpServer}> {
	const server = createHttpServer((request, response) => {
		request.resume();
		handler(request, response);
	});
	if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
	const raw = await track(server, options.host ?? '127.0.0.1', 'http', options.port);
	return {...raw, server};
}

export interface HttpsOptions extends HttpOptions {
	readonly key: string;
	readonly cert: string;
}

export async function startHttps(handler: HttpHandler, options: HttpsOptions): Promise<RawServer> {
	const server = createHttpsServer({key: options.key, cert: options.cert}, (request, response) => {
		request.resume();
		handler(request, response);
	});
	// A client that rejects the certificate aborts the handshake; that is expected here.
	server.on('tlsClientError', () => {});
	return track(server, options.host ?? '127.0.0.1', 'https', options.port);
}

/** A TCP server that hands each accepted socket to `onSocket` and never speaks HTTP itself. */
export async function startRaw(onSocket: (socket: Socket) => void, options: {host?: LoopbackHost; port?: number} = {}): Promise<RawServer> {
	const server: Server = createNetServer(onSocket);
	return track(server, options.host ?? '127.0.0.1', 'http', options.port);
}

/**
 * A port with nobody listening: a real refusal. Picked from a range no server here or any
 * server on port 0 is given, so nothing can start answering on it a moment later.
 */
export async function closedPort(host: LoopbackHost = '127.0.0.1'): Promise<number> {
	const server = createNetServer();
	await listenSomewhere(server, host, CLOSED_PORTS);
	const {port} = server.address() as AddressInfo;
	await new Promise<void>(resolve => server.close(() => resolve()));
	return port;
}

/** A complete HTTP/1.1 response as raw bytes (for servers that must misbehave after it starts). */
export function rawResponse(status: string, headers: Record<string, string | number>, body = ''): string {
	const lines = [`HTTP/1.1 ${status}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
	return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

// ---- Forward proxy -------------------------------------------------------------------

export interface ProxySighting {
	/** 'CONNECT' for a tunnel, otherwise the request method of an absolute-form request. */
	readonly method: string;
	/** `host:port` for CONNECT, the absolute URL otherwise. */
	readonly target: string;
}

export interface ForwardProxy extends RawServer {
	/** Everything the proxy was asked to do, in order. */
	readonly seen: readonly ProxySighting[];
}

/**
 * A minimal forward proxy: CONNECT tunnels (for https endpoints) and absolute-form requests
 * (for http endpoints), both forwarded to loopback targets only.
 */
export async function startForwardProxy(options: {host?: LoopbackHost} = {}): Promise<ForwardProxy> {
	const seen: ProxySighting[] = [];
	const server = createHttpServer((request, response) => {
		seen.push({method: request.method ?? '', target: request.url ?? ''});
		let target: URL;
		try {
			target = new URL(request.url ?? '');
		} catch {
			response.writeHead(400).end('absolute-form request expected');
			return;
		}
		if (!isLoopback(target.hostname)) {
			response.writeHead(403).end('loopback targets only');
			return;
		}
		const headers = {...request.headers};
		delete headers['proxy-connection'];
		const upstream = httpRequest(target, {method: request.method, headers, agent: false}, answer => {
			response.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(response);
		});
		upstream.on('error', () => {
			if (!response.headersSent) response.writeHead(502).end('upstream unreachable');
			else response.destroy();
		});
		request.pipe(upstream);
	});
	server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
		seen.push({method: 'CONNECT', target: request.url ?? ''});
		client.on('error', () => {});
		const [hostPart, portPart] = splitHostPort(request.url ?? '');
		if (!isLoopback(hostPart)) {
			client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
			return;
		}
		const upstream = netConnect({host: hostPart, port: Number(portPart)}, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			if (head.length > 0) upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
		client.on('close', () => upstream.destroy());
	});
	const raw = await track(server, options.host ?? '127.0.0.1', 'http');
	return {...raw, seen};
}

function splitHostPort(authority: string): [string, string] {
	const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(authority);
	return match ? [match[1]!, match[2]!] : [authority, '443'];
}

function isLoopback(hostname: string): boolean {
	return ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(hostname);
}

// ---- A service that goes up and down -------------------------------------------------

export interface StateChange {
	/** Wall-clock time (epoch ms) from which the new state holds. */
	readonly at: number;
	readonly up: boolean;
}

export interface FlappingService {
	readonly port: number;
	url(path?: string): string;
	/** Every change made so far, first the initial "up". */
	readonly changes: readonly StateChange[];
	isUp(): boolean;
	/** Connections open right now on the current listener. */
	openConnections(): number;
	/** Stops flapping and listening. */
	close(): Promise<void>;
}

/**
 * A healthy token endpoint (200 with an access token) that really goes away every
 * `periodMs`: its listener is closed (a real refused port, open connections cut) and later
 * listens again on the same port.
 */
export async function startFlapping({periodMs, now = Date.now}: {periodMs: number; now?: () => number}): Promise<FlappingService> {
	const body = JSON.stringify({access_token: 'flap', token_type: 'Bearer', expires_in: 300});
	const listen = (port?: number) =>
		startHttp((_request, response) => response.writeHead(200, {'content-type': 'application/json'}).end(body), {port});
	// A port outside the ephemeral range: while the service is down, no other server started
	// on port 0 can take its place.
	const port = await closedPort();
	let current: RawServer | null = await listen(port);
	const changes: StateChange[] = [{at: now(), up: true}];
	let stopped = false;
	let busy: Promise<void> = Promise.resolve();
	const flip = async () => {
		if (current) {
			changes.push({at: now(), up: false});
			const closing = current;
			current = null;
			await closing.close();
		} else {
			current = await listen(port);
			changes.push({at: now(), up: true});
		}
	};
	const timer = setInterval(() => {
		if (!stopped) busy = busy.then(flip);
	}, periodMs);
	return {
		port,
		url: (path = '/') => `http://127.0.0.1:${port}${path}`,
		changes,
		isUp: () => current !== null,
		openConnections: () => current?.openConnections() ?? 0,
		async close() {
			stopped = true;
			clearInterval(timer);
			await busy;
			await current?.close();
			current = null;
		},
	};
}
