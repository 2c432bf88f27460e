// The two pure halves of the probe: turning a thrown error into one line, and judging an
// HTTP answer. The integration tests cover the common paths against real servers; these pin
// the cases real servers make awkward to reach.

import {describe, expect, test} from 'vitest';
import {describeProbeError} from '../../source/probe/describe-error.js';
import {judgeAnswer, type HttpAnswer} from '../../source/probe/judge-response.js';
import {redactForms, secretForms} from '../../source/probe/redact-credentials.js';

const context = {timeoutMs: 2500, gotHeaders: false, hostname: 'auth.example'};

function systemError(code: string, extra: Record<string, unknown>): Error {
	return Object.assign(new Error(`${extra.syscall} ${code} ${extra.address ?? extra.hostname}:${extra.port ?? ''}`.replace(/:$/, '')), {code, ...extra});
}

describe('describeProbeError', () => {
	test('the deadline decides what a timeout is, whatever undici threw', () => {
		const aborted = Object.assign(new Error('Request aborted'), {name: 'AbortError', code: 'UND_ERR_ABORTED'});
		expect(describeProbeError(aborted, {...context, timedOut: true})).toBe('no response within 2500 ms');
		expect(describeProbeError(aborted, {...context, timedOut: true, gotHeaders: true})).toBe('response body not complete within 2500 ms');
		expect(describeProbeError(aborted, {...context, timedOut: false})).not.toMatch(/within/);
	});

	test('a proxy that refuses the tunnel is named with the status', () => {
		const refused = Object.assign(new Error('Proxy response (407) !== 200 when HTTP Tunneling'), {name: 'AbortError', code: 'UND_ERR_ABORTED'});
		expect(describeProbeError(refused, {...context, timedOut: false, proxy: 'http://proxy.corp:3128'})).toBe(
			'proxy proxy.corp:3128 refused the tunnel: HTTP 407 Proxy Authentication Required',
		);
	});

	test('a refusal at the proxy names the proxy; one at the endpoint does not', () => {
		const atProxy = systemError('ECONNREFUSED', {syscall: 'connect', address: '10.0.0.8', port: 3128});
		expect(describeProbeError(atProxy, {...context, timedOut: false, proxy: 'http://10.0.0.8:3128'})).toBe(
			'cannot reach the proxy 10.0.0.8:3128: connect ECONNREFUSED 10.0.0.8:3128',
		);
		const atEndpoint = systemError('ECONNREFUSED', {syscall: 'connect', address: '10.0.0.9', port: 3128});
		expect(describeProbeError(atEndpoint, {...context, timedOut: false, proxy: 'http://10.0.0.8:3128'})).toBe('connect ECONNREFUSED 10.0.0.9:3128');
		expect(describeProbeError(atProxy, {...context, timedOut: false, proxy: null})).toBe('connect ECONNREFUSED 10.0.0.8:3128');
	});

	test('happy-eyeballs errors list each address once', () => {
		const both = Object.assign(new AggregateError([
			systemError('ECONNREFUSED', {syscall: 'connect', address: '::1', port: 80}),
			systemError('ECONNREFUSED', {syscall: 'connect', address: '127.0.0.1', port: 80}),
			systemError('ECONNREFUSED', {syscall: 'connect', address: '127.0.0.1', port: 80}),
		]), {code: 'ECONNREFUSED'});
		expect(describeProbeError(both, context)).toBe('connect ECONNREFUSED ::1:80; connect ECONNREFUSED 127.0.0.1:80');
	});

	test('a probe cut short by close() says so', () => {
		const destroyed = Object.assign(new Error('The client is destroyed'), {code: 'UND_ERR_DESTROYED'});
		expect(describeProbeError(destroyed, {...context, timedOut: false})).toBe('probe cancelled: the prober was closed');
	});

	test('whatever the message, it comes out as one clean line', () => {
		const hostile = new Error('bad\n\u001b[2Jthing\u202e');
		expect(describeProbeError(hostile, {...context, timedOut: false})).toBe('bad thing');
	});
});

describe('judgeAnswer', () => {
	const answer = (overrides: Partial<HttpAnswer>): HttpAnswer => ({
		status: 200,
		location: null,
		retryAfter: null,
		contentType: 'application/json',
		body: '',
		truncated: false,
		bodyLimit: 65536,
		...overrides,
	});

	test.for<[string | null, string]>([
		['120', 'HTTP 429 Too Many Requests (rate limited; Retry-After: 120)'],
		['Wed, 21 Oct 2015 07:28:00 GMT', 'HTTP 429 Too Many Requests (rate limited; Retry-After: Wed, 21 Oct 2015 07:28:00 GMT)'],
		['soon', 'HTTP 429 Too Many Requests (rate limited)'],
		[null, 'HTTP 429 Too Many Requests (rate limited)'],
	])('429 with Retry-After %s', ([retryAfter, error]) => {
		for (const mode of ['reachability', 'client_credentials'] as const) {
			expect(judgeAnswer(answer({status: 429, retryAfter}), mode)).toEqual({available: false, error});
		}
	});

	test('reachability: any answer below 500 but 3xx and 429 is alive', () => {
		for (const status of [200, 400, 401, 403, 404, 405, 415]) expect(judgeAnswer(answer({status}), 'reachability').available).toBe(true);
		for (const status of [301, 302, 303, 307, 308, 429, 500, 599]) expect(judgeAnswer(answer({status}), 'reachability').available).toBe(false);
	});

	test('credentials: only a 200 holding an access_token string passes', () => {
		expect(judgeAnswer(answer({body: '{"access_token":"t"}'}), 'client_credentials')).toEqual({available: true, error: null});
		expect(judgeAnswer(answer({body: '{"access_token":42}'}), 'client_credentials').error).toBe('HTTP 200 but the answer holds no access_token');
		expect(judgeAnswer(answer({body: '[]'}), 'client_credentials').error).toBe('HTTP 200 but the answer holds no access_token');
		expect(judgeAnswer(answer({status: 400, body: '{"error":"invalid_client"}'}), 'client_credentials').error).toBe('HTTP 400 Bad Request: invalid_client');
	});
});

describe('secret forms', () => {
	test('every spelling that left the process is redacted, longest first', () => {
		const forms = secretForms({clientId: 'id', clientSecret: 'a b+c'}, 'Basic aWQ6YStiJTJCYw==');
		expect(forms).toEqual(expect.arrayContaining(['a b+c', 'a%20b%2Bc', 'a+b%2Bc', 'aWQ6YStiJTJCYw==']));
		expect(redactForms('x a%20b%2Bc y a b+c z', forms)).toBe('x [redacted] y [redacted] z');
		expect(secretForms(null, null)).toEqual([]);
	});
});
