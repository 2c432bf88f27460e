// What the demo Authority's child process, its parent handle and demo-ctl say to each other.
// Plain data only, so every side can import it without pulling in a server.

export const DEMO_CLIENT_ID = 'stella-doctor-demo';

/** The token route of the StellaOps Authority, which the demo mirrors. */
export const TOKEN_PATH = '/connect/token';

export const METRICS_PATH = '/metrics';

/**
 * State-changing control requests must carry this header. A web page cannot add a custom
 * header to a cross-origin request without a CORS preflight, which the control server never
 * grants, so a browser visiting a hostile site cannot stop the demo Authority.
 */
export const CONTROL_HEADER = 'x-stella-demo-control';

export type AuthorityState = 'running' | 'stopped';

export interface DemoAuthorityStatus {
	readonly state: AuthorityState;
	readonly pid: number;
	/** The Authority's port; it stays the same across stop/start/restart. */
	readonly port: number;
	readonly issuer: string;
	readonly tokenEndpoint: string;
	readonly metricsUrl: string;
	/** Delay added before the token endpoint answers, ms. */
	readonly latencyMs: number;
	/** Access tokens issued since the process started. */
	readonly tokensIssuedTotal: number;
	readonly tokensIssuedLast24h: number;
	/** Issued access tokens that have not expired yet. */
	readonly activeSessions: number;
	/** When the listener last started (epoch ms); null while stopped. */
	readonly runningSince: number | null;
}

export interface LogsReply {
	readonly lines: readonly string[];
}

export interface ErrorReply {
	readonly error: string;
}

/** Highest latency the switch accepts; beyond this a probe would only ever see its own timeout. */
export const MAX_LATENCY_MS = 120_000;

// ---- IPC between the parent handle and the child -------------------------------------------
// The child greets first so the parent never sends before the child listens (Node drops IPC
// messages that arrive before a 'message' listener exists). The secret travels only here:
// never in argv (world-readable in ps) and never in the environment (inherited by anything
// the child might start).

export interface HelloMessage {
	readonly type: 'hello';
}

export interface ConfigureMessage {
	readonly type: 'configure';
	readonly port: number;
	readonly latencyMs: number;
	readonly clientId: string;
	readonly clientSecret: string;
}

export interface ReadyMessage {
	readonly type: 'ready';
	readonly port: number;
	readonly controlPort: number;
}

export interface FailedMessage {
	readonly type: 'failed';
	readonly error: string;
}

export type ChildMessage = HelloMessage | ReadyMessage | FailedMessage;

export function isChildMessage(value: unknown): value is ChildMessage {
	if (typeof value !== 'object' || value === null) return false;
	const type = (value as {type?: unknown}).type;
	return type === 'hello' || type === 'ready' || type === 'failed';
}

export function isConfigureMessage(value: unknown): value is ConfigureMessage {
	if (typeof value !== 'object' || value === null) return false;
	const message = value as Partial<ConfigureMessage>;
	return (
		message.type === 'configure' &&
		typeof message.port === 'number' &&
		typeof message.latencyMs === 'number' &&
		typeof message.clientId === 'string' &&
		typeof message.clientSecret === 'string'
	);
}

/** A latency value the switch accepts: a whole number of ms from 0 to MAX_LATENCY_MS. */
export function isValidLatency(ms: number): boolean {
	return Number.isInteger(ms) && ms >= 0 && ms <= MAX_LATENCY_MS;
}
