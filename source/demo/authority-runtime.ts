import {AuthorityListener} from './authority-listener.js';
import {createAuthorityHandler} from './authority-handler.js';
import {createAuthorityMetrics} from './authority-metrics.js';
import {isValidLatency, MAX_LATENCY_MS, METRICS_PATH, TOKEN_PATH, type DemoAuthorityStatus} from './control-protocol.js';
import type {LogRing} from './log-ring.js';
import {createTokenProvider, type RequestHandler} from './token-provider.js';

export interface AuthorityRuntimeOptions {
	/** 0 asks for a free port; the port found is then kept across stop/start. */
	readonly port: number;
	readonly latencyMs: number;
	readonly clientId: string;
	readonly clientSecret: string;
	readonly log: LogRing;
	readonly now?: () => number;
}

/** What the control server can do to the Authority. Each action answers with the new status. */
export interface AuthorityControls {
	status(): DemoAuthorityStatus;
	logs(limit?: number): string[];
	setLatency(ms: number): DemoAuthorityStatus;
	stop(): Promise<DemoAuthorityStatus>;
	start(): Promise<DemoAuthorityStatus>;
	/** Stop, clear the injected latency (a fresh process would not have it), start. */
	restart(): Promise<DemoAuthorityStatus>;
	/** Stops the listener for good (process shutdown). */
	shutdown(): Promise<void>;
}

export async function startAuthorityRuntime(options: AuthorityRuntimeOptions): Promise<AuthorityControls> {
	if (!isValidLatency(options.latencyMs)) throw new RangeError(`latency must be 0–${MAX_LATENCY_MS} ms`);
	const now = options.now ?? Date.now;
	const log = (line: string) => options.log.add(line);
	const metrics = createAuthorityMetrics(now);
	let latencyMs = options.latencyMs;
	let provider: RequestHandler | null = null;
	let runningSince: number | null = null;

	const listener = new AuthorityListener(
		createAuthorityHandler({provider: () => provider, latencyMs: () => latencyMs, metrics, log}),
		options.port,
	);
	// The issuer must name the real port, so the listener binds first; requests arriving in
	// the few milliseconds before the provider exists get a 503.
	await listener.start();
	runningSince = now();
	const origin = `http://127.0.0.1:${listener.port}`;
	provider = await createTokenProvider({
		issuer: origin,
		clientId: options.clientId,
		clientSecret: options.clientSecret,
		onIssued: lifetime => metrics.recordIssued(lifetime),
	});
	log(`started on 127.0.0.1:${listener.port} (latency ${latencyMs} ms)`);

	const status = (): DemoAuthorityStatus => ({
		state: listener.running ? 'running' : 'stopped',
		pid: process.pid,
		port: listener.port,
		issuer: origin,
		tokenEndpoint: origin + TOKEN_PATH,
		metricsUrl: origin + METRICS_PATH,
		latencyMs,
		tokensIssuedTotal: metrics.issuedTotal,
		tokensIssuedLast24h: metrics.issuedLast24h(),
		activeSessions: metrics.activeSessions(),
		runningSince,
	});

	const stop = async () => {
		if (!listener.running) return;
		await listener.stop();
		runningSince = null;
		log(`stopped: port ${listener.port} closed, connections now refused`);
	};
	const start = async () => {
		if (listener.running) return;
		await listener.start();
		runningSince = now();
		log(`started on 127.0.0.1:${listener.port} (latency ${latencyMs} ms)`);
	};

	return {
		status,
		logs: limit => options.log.recent(limit),
		setLatency(ms) {
			if (!isValidLatency(ms)) throw new RangeError(`latency must be a whole number of ms from 0 to ${MAX_LATENCY_MS}`);
			if (ms !== latencyMs) log(`latency set to ${ms} ms (was ${latencyMs} ms)`);
			latencyMs = ms;
			return status();
		},
		async stop() {
			await stop();
			return status();
		},
		async start() {
			await start();
			return status();
		},
		async restart() {
			log('restart requested');
			await stop();
			if (latencyMs !== 0) log(`latency cleared (was ${latencyMs} ms)`);
			latencyMs = 0;
			await start();
			return status();
		},
		shutdown: () => listener.stop(),
	};
}
