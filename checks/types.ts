// The doctor's vocabulary. Everything here is plain data: no I/O, no clock, no terminal,
// so a check can be unit tested on its own and shared by the TUI, the one-shot report
// and the runbook printer alike.

export type Status = 'pass' | 'warn' | 'fail';

export type Severity = 'info' | 'warn' | 'fail';

export interface Thresholds {
	/** Response time strictly above this is a warning (ms). */
	readonly warningMs: number;
	/** Response time strictly above this is a failure (ms). */
	readonly criticalMs: number;
}

/**
 * How the probe talked to the endpoint. With client credentials a real token is requested;
 * without, any HTTP answer below 500 proves the endpoint is alive.
 */
export type ProbeMode = 'client_credentials' | 'reachability';

/** Time spent in each phase of one probe, in ms; null where the phase did not happen. */
export interface Phases {
	readonly dnsMs: number | null;
	readonly connectMs: number | null;
	readonly tlsMs: number | null;
	readonly firstByteMs: number | null;
	readonly transferMs: number | null;
}

export const NO_PHASES: Phases = Object.freeze({
	dnsMs: null,
	connectMs: null,
	tlsMs: null,
	firstByteMs: null,
	transferMs: null,
});

/** One observation of the token endpoint, as the probe made it. */
export interface Sample {
	readonly endpoint: string;
	/** Wall-clock time the probe started (epoch ms). */
	readonly startedAt: number;
	readonly mode: ProbeMode;
	/**
	 * Whether the token service did its job: answered (reachability) or issued a token
	 * (client credentials). False for refusals, timeouts, TLS errors, 5xx, redirects and,
	 * with credentials, any answer without an access token.
	 */
	readonly available: boolean;
	/** Request start to end of body, ms. Null when no HTTP answer arrived at all. */
	readonly responseTimeMs: number | null;
	/** HTTP status when an answer arrived. */
	readonly httpStatus: number | null;
	/** One line a person understands; already free of control characters. */
	readonly error: string | null;
	readonly phases: Phases;
	/** TLS verification was switched off for this probe (--insecure). */
	readonly insecure: boolean;
}

/** Figures that come from the Authority's metrics, not from the token endpoint. */
export interface ServiceFigures {
	readonly tokensIssuedLast24h: number | null;
	readonly activeSessions: number | null;
}

export const UNKNOWN_FIGURES: ServiceFigures = Object.freeze({
	tokensIssuedLast24h: null,
	activeSessions: null,
});

/** Exactly the evidence keys of the spec, in the spec's order. */
export interface Evidence {
	readonly ServiceAvailable: 'YES' | 'NO';
	readonly Endpoint: string;
	readonly ResponseTimeMs: number | null;
	readonly CriticalThreshold: number;
	readonly WarningThreshold: number;
	readonly TokensIssuedLast24h: number | null;
	readonly ActiveSessions: number | null;
	readonly Error: string | null;
}

export const EVIDENCE_KEYS = [
	'ServiceAvailable',
	'Endpoint',
	'ResponseTimeMs',
	'CriticalThreshold',
	'WarningThreshold',
	'TokensIssuedLast24h',
	'ActiveSessions',
	'Error',
] as const satisfies ReadonlyArray<keyof Evidence>;

/** Which of the spec's four conditions produced the verdict. */
export type Condition = 'unavailable' | 'critically-slow' | 'slow' | 'healthy';

export interface CheckResult {
	readonly checkId: string;
	readonly status: Status;
	readonly condition: Condition;
	readonly message: string;
	readonly evidence: Evidence;
}

// ---- Remediation runbooks ------------------------------------------------------------

export type EnvironmentId = 'compose' | 'systemd' | 'kubernetes' | 'demo';

/**
 * Values substituted into runbook argv elements written as `{name}`. Each value always
 * lands inside one argv element: nothing is ever handed to a shell.
 */
export interface Placeholders {
	readonly composeFile: string;
	readonly composeService: string;
	readonly namespace: string;
	readonly selector: string;
	readonly deployment: string;
	readonly replicas: string;
	readonly authorityUrl: string;
}
