// check.auth.token-service: is the Authority's token endpoint answering, and fast enough?
// The definition is data; evaluate() is a pure function of one sample, the thresholds and the
// figures from the Authority's metrics. The four outcomes are the spec's, in the spec's order.

import type {CheckResult, Evidence, Sample, ServiceFigures, Thresholds} from './types.js';
import {UNKNOWN_FIGURES} from './types.js';

export const DEFAULT_THRESHOLDS: Thresholds = Object.freeze({warningMs: 500, criticalMs: 2000});

export const tokenServiceCheck = {
	id: 'check.auth.token-service',
	name: 'Token Service Health',
	plugin: 'stellaops.doctor.auth',
	severity: 'fail',
	tags: ['auth', 'service', 'health'],
	endpointPath: '/connect/token',
	thresholds: DEFAULT_THRESHOLDS,
	whyItMatters:
		'Every access token is issued here. When it is down nobody can log in, services cannot ' +
		'authenticate and every API call fails with 401; when it is slow, logins drag and ' +
		'integrations time out. It is usually the first check to notice Authority database trouble ' +
		'or a starved Authority host.',
	causes: {
		// Why the service does not answer or is critically slow.
		failing: [
			'Authority service not running (container stopped, process crashed)',
			'Token endpoint misconfigured (wrong path, wrong port)',
			'Database connectivity issue (Authority cannot query clients/keys)',
			'Database performance issues (slow queries for token validation)',
			'Service overloaded (high authentication request volume)',
			'Resource contention (CPU/memory pressure on Authority host)',
		],
		// Why it answers, but slower than the warning threshold.
		slow: ['Higher than normal load', 'Database query performance degraded'],
	},
	related: [
		{id: 'check.auth.config', why: 'auth must be configured before the token service can function'},
		{id: 'check.auth.signing-key', why: 'token issuance requires a valid signing key'},
		{id: 'check.auth.oidc', why: 'if delegating to external OIDC, that provider must also be healthy'},
	],
	verification: ['stella', 'doctor', 'run', '--check', 'check.auth.token-service'],
} as const;

/** The check always runs: it needs nothing but the endpoint. */
export function canRun(): boolean {
	return true;
}

/** Returns a reason the thresholds are unusable, or null when they are fine. */
export function validateThresholds(thresholds: Thresholds): string | null {
	const {warningMs, criticalMs} = thresholds;
	if (!Number.isFinite(warningMs) || warningMs <= 0) return 'warning threshold must be a positive number of ms';
	if (!Number.isFinite(criticalMs) || criticalMs <= 0) return 'critical threshold must be a positive number of ms';
	if (warningMs >= criticalMs) return `warning threshold (${warningMs} ms) must be below critical threshold (${criticalMs} ms)`;
	return null;
}

/** A count as people read it; unknown stays "unknown", never 0. */
export function formatCount(value: number | null): string {
	return value === null ? 'unknown' : value.toLocaleString('en-US');
}

/** Response times are shown as whole milliseconds. */
export function roundMs(ms: number): number {
	return Math.round(ms);
}

export function evaluate(
	sample: Sample,
	thresholds: Thresholds = DEFAULT_THRESHOLDS,
	figures: ServiceFigures = UNKNOWN_FIGURES,
): CheckResult {
	const time = sample.responseTimeMs === null ? null : roundMs(sample.responseTimeMs);
	const evidence: Evidence = {
		ServiceAvailable: sample.available ? 'YES' : 'NO',
		Endpoint: sample.endpoint,
		ResponseTimeMs: time,
		CriticalThreshold: thresholds.criticalMs,
		WarningThreshold: thresholds.warningMs,
		TokensIssuedLast24h: figures.tokensIssuedLast24h,
		ActiveSessions: figures.activeSessions,
		Error: sample.error,
	};
	const base = {checkId: tokenServiceCheck.id, evidence};

	if (!sample.available || time === null) {
		return {
			...base,
			status: 'fail',
			condition: 'unavailable',
			// An answer that is not a token (5xx, redirect, 429, a rejected client) is still an
			// answer: say so, so nobody hunts for a network fault that is not there.
			message:
				sample.httpStatus === null
					? `Token service at ${sample.endpoint} is not responding: ${sample.error ?? 'no answer'}`
					: `Token service at ${sample.endpoint} answered but is not issuing tokens: ${sample.error ?? `HTTP ${sample.httpStatus}`}`,
		};
	}
	// "Exceeds" is strictly greater: exactly the threshold is still the better outcome.
	if (time > thresholds.criticalMs) {
		return {
			...base,
			status: 'fail',
			condition: 'critically-slow',
			message: `Token service critically slow: ${time} ms exceeds the ${thresholds.criticalMs} ms critical threshold`,
		};
	}
	if (time > thresholds.warningMs) {
		return {
			...base,
			status: 'warn',
			condition: 'slow',
			message:
				`Token service slow: ${time} ms exceeds the ${thresholds.warningMs} ms warning threshold; ` +
				`tokens issued in the last 24 h: ${formatCount(figures.tokensIssuedLast24h)}`,
		};
	}
	return {
		...base,
		status: 'pass',
		condition: 'healthy',
		message:
			`Token service healthy: ${time} ms; tokens issued in the last 24 h: ` +
			`${formatCount(figures.tokensIssuedLast24h)}; active sessions: ${formatCount(figures.activeSessions)}`,
	};
}

/**
 * The outcome in a few words for a status line: the time, or why there is no usable one. An
 * answer that was not a token (a 4xx with credentials, a 5xx, a redirect) is not "no answer":
 * telling them apart sends the operator to the right place (credentials, not the network).
 */
export function outcomeWords(responseTimeMs: number | null, available: boolean): string {
	if (responseTimeMs === null) return 'no answer';
	if (!available) return `not issuing tokens (${responseTimeMs} ms)`;
	return `${responseTimeMs} ms`;
}

/** The causes worth reading for a verdict: slow-service causes for WARN, the rest for FAIL. */
export function likelyCauses(result: CheckResult): readonly string[] {
	if (result.status === 'pass') return [];
	return result.status === 'warn' ? tokenServiceCheck.causes.slow : tokenServiceCheck.causes.failing;
}
