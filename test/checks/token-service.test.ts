import {describe, expect, it} from 'vitest';
import {
	DEFAULT_THRESHOLDS,
	canRun,
	evaluate,
	likelyCauses,
	tokenServiceCheck,
	validateThresholds,
} from '../../checks/token-service.js';
import {EVIDENCE_KEYS, NO_PHASES, type Sample} from '../../checks/types.js';

const ENDPOINT = 'http://authority.test:80/connect/token';

function answered(ms: number): Sample {
	return {
		endpoint: ENDPOINT,
		startedAt: 0,
		mode: 'reachability',
		available: true,
		responseTimeMs: ms,
		httpStatus: 400,
		error: null,
		phases: NO_PHASES,
		insecure: false,
	};
}

const refused: Sample = {
	...answered(0),
	available: false,
	responseTimeMs: null,
	httpStatus: null,
	error: 'connect ECONNREFUSED 127.0.0.1:5000',
};

describe('check.auth.token-service definition', () => {
	it('carries the identity the spec gives it', () => {
		expect(tokenServiceCheck.id).toBe('check.auth.token-service');
		expect(tokenServiceCheck.plugin).toBe('stellaops.doctor.auth');
		expect(tokenServiceCheck.severity).toBe('fail');
		expect(tokenServiceCheck.tags).toEqual(['auth', 'service', 'health']);
		expect(canRun()).toBe(true);
		expect(DEFAULT_THRESHOLDS).toEqual({warningMs: 500, criticalMs: 2000});
		expect(tokenServiceCheck.verification.join(' ')).toBe('stella doctor run --check check.auth.token-service');
		expect(tokenServiceCheck.related.map(related => related.id)).toEqual([
			'check.auth.config',
			'check.auth.signing-key',
			'check.auth.oidc',
		]);
	});

	it('splits the common causes into failing and slow', () => {
		expect(tokenServiceCheck.causes.failing).toHaveLength(6);
		expect(tokenServiceCheck.causes.slow).toEqual(['Higher than normal load', 'Database query performance degraded']);
	});

	it('rejects thresholds where warning is not below critical', () => {
		expect(validateThresholds({warningMs: 500, criticalMs: 2000})).toBeNull();
		expect(validateThresholds({warningMs: 2000, criticalMs: 2000})).toMatch(/must be below/);
		expect(validateThresholds({warningMs: 0, criticalMs: 2000})).toMatch(/positive/);
		expect(validateThresholds({warningMs: 100, criticalMs: Number.NaN})).toMatch(/positive/);
	});
});

describe('evaluate', () => {
	it.each([
		[499, 'pass', 'healthy'],
		[500, 'pass', 'healthy'],
		[501, 'warn', 'slow'],
		[1999, 'warn', 'slow'],
		[2000, 'warn', 'slow'],
		[2001, 'fail', 'critically-slow'],
	] as const)('%i ms is %s (%s)', (ms, status, condition) => {
		const result = evaluate(answered(ms));
		expect(result.status).toBe(status);
		expect(result.condition).toBe(condition);
		expect(result.evidence.ResponseTimeMs).toBe(ms);
	});

	it('fails a service that does not respond, naming endpoint and error', () => {
		const result = evaluate(refused);
		expect(result.status).toBe('fail');
		expect(result.condition).toBe('unavailable');
		expect(result.message).toContain(ENDPOINT);
		expect(result.message).toContain('connect ECONNREFUSED 127.0.0.1:5000');
		expect(result.evidence.ServiceAvailable).toBe('NO');
		expect(result.evidence.Error).toBe('connect ECONNREFUSED 127.0.0.1:5000');
	});

	it('carries exactly the spec evidence keys, counts unknown until metrics say otherwise', () => {
		const result = evaluate(answered(42));
		expect(Object.keys(result.evidence)).toEqual([...EVIDENCE_KEYS]);
		expect(result.evidence).toEqual({
			ServiceAvailable: 'YES',
			Endpoint: ENDPOINT,
			ResponseTimeMs: 42,
			CriticalThreshold: 2000,
			WarningThreshold: 500,
			TokensIssuedLast24h: null,
			ActiveSessions: null,
			Error: null,
		});
		expect(result.message).toBe('Token service healthy: 42 ms; tokens issued in the last 24 h: unknown; active sessions: unknown');
	});

	it('quotes the figures it is given in the pass and warn messages', () => {
		const figures = {tokensIssuedLast24h: 1204, activeSessions: 17};
		expect(evaluate(answered(42), DEFAULT_THRESHOLDS, figures).message).toBe(
			'Token service healthy: 42 ms; tokens issued in the last 24 h: 1,204; active sessions: 17',
		);
		expect(evaluate(answered(734), DEFAULT_THRESHOLDS, figures).message).toBe(
			'Token service slow: 734 ms exceeds the 500 ms warning threshold; tokens issued in the last 24 h: 1,204',
		);
		expect(evaluate(answered(2500), DEFAULT_THRESHOLDS, figures).message).toBe(
			'Token service critically slow: 2500 ms exceeds the 2000 ms critical threshold',
		);
		expect(evaluate(answered(42), DEFAULT_THRESHOLDS, {tokensIssuedLast24h: 0, activeSessions: 0}).evidence.TokensIssuedLast24h).toBe(0);
	});

	it('uses configured thresholds, rounding times to whole ms', () => {
		const thresholds = {warningMs: 100, criticalMs: 300};
		expect(evaluate(answered(100.4), thresholds).status).toBe('pass');
		expect(evaluate(answered(150), thresholds).status).toBe('warn');
		expect(evaluate(answered(301), thresholds).evidence.CriticalThreshold).toBe(300);
		expect(evaluate(answered(301), thresholds).status).toBe('fail');
	});

	it('fails an answer that is not a token even when it was fast', () => {
		const rejected: Sample = {...answered(12), available: false, httpStatus: 401, error: 'HTTP 401 Unauthorized: invalid_client'};
		const result = evaluate(rejected);
		expect(result.status).toBe('fail');
		expect(result.evidence.ResponseTimeMs).toBe(12);
		expect(result.message).toBe(
			`Token service at ${ENDPOINT} answered but is not issuing tokens: HTTP 401 Unauthorized: invalid_client`,
		);
	});

	it('offers slow-service causes for WARN and failure causes for FAIL', () => {
		expect(likelyCauses(evaluate(answered(10)))).toEqual([]);
		expect(likelyCauses(evaluate(answered(800)))).toEqual(tokenServiceCheck.causes.slow);
		expect(likelyCauses(evaluate(refused))).toEqual(tokenServiceCheck.causes.failing);
	});
});
