import {Counter, Gauge, Registry} from 'prom-client';
import {ActiveTokens, IssuanceWindow} from './token-figures.js';

// The names a real StellaOps Authority is expected to expose (issue 6), so the doctor's
// metrics sources read the demo exactly as they would read production.
export const TOKENS_ISSUED_TOTAL = 'stellaops_authority_tokens_issued_total';
export const TOKENS_ISSUED_LAST_24H = 'stellaops_authority_tokens_issued_last_24h';
export const ACTIVE_SESSIONS = 'stellaops_authority_active_sessions';

export interface AuthorityMetrics {
	/** Count one issued access token that lives `lifetimeSeconds`. */
	recordIssued(lifetimeSeconds: number): void;
	readonly issuedTotal: number;
	issuedLast24h(): number;
	activeSessions(): number;
	/** Prometheus text exposition of all three series. */
	exposition(): Promise<string>;
	readonly contentType: string;
}

export function createAuthorityMetrics(now: () => number = Date.now): AuthorityMetrics {
	// A registry of our own: the default one is process-global and would mix in anything
	// else that registers there.
	const registry = new Registry();
	const window = new IssuanceWindow();
	const active = new ActiveTokens();
	let issuedTotal = 0;

	const counter = new Counter({
		name: TOKENS_ISSUED_TOTAL,
		help: 'Access tokens issued by this Authority since it started.',
		registers: [registry],
	});
	new Gauge({
		name: TOKENS_ISSUED_LAST_24H,
		help: "Access tokens issued in the last 24 hours (the Authority's own sliding window, minute buckets).",
		registers: [registry],
		collect() {
			this.set(window.count(now()));
		},
	});
	new Gauge({
		name: ACTIVE_SESSIONS,
		help: 'Issued access tokens that have not expired yet.',
		registers: [registry],
		collect() {
			this.set(active.count(now()));
		},
	});

	return {
		recordIssued(lifetimeSeconds) {
			const at = now();
			issuedTotal += 1;
			counter.inc();
			window.record(at);
			active.add(at + lifetimeSeconds * 1000);
		},
		get issuedTotal() {
			return issuedTotal;
		},
		issuedLast24h: () => window.count(now()),
		activeSessions: () => active.count(now()),
		exposition: () => registry.metrics(),
		contentType: registry.contentType,
	};
}
