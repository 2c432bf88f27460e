// Decides, from one HTTP answer, whether the token service did its job. Pure: the probe
// hands it what arrived.

import {STATUS_CODES} from 'node:http';
import type {ProbeMode} from '../../checks/types.js';
import {sanitizeLine} from '../text/sanitize.js';

export interface HttpAnswer {
	readonly status: number;
	readonly location: string | null;
	readonly retryAfter: string | null;
	readonly contentType: string | null;
	readonly body: string;
	/** The body was longer than the cap and only its start was read. */
	readonly truncated: boolean;
	readonly bodyLimit: number;
}

export interface Judgement {
	readonly available: boolean;
	readonly error: string | null;
}

function statusLine(status: number): string {
	const text = STATUS_CODES[status];
	return text ? `HTTP ${status} ${text}` : `HTTP ${status}`;
}

/** `invalid_client: client authentication failed` from an OAuth error body, if it is one. */
function oauthError(body: string): string | null {
	try {
		const parsed: unknown = JSON.parse(body);
		if (typeof parsed !== 'object' || parsed === null) return null;
		const {error, error_description: description} = parsed as Record<string, unknown>;
		if (typeof error !== 'string') return null;
		return typeof description === 'string' ? `${error}: ${description}` : error;
	} catch {
		return null;
	}
}

function accessTokenPresent(body: string): boolean | 'not-json' {
	try {
		const parsed: unknown = JSON.parse(body);
		return typeof parsed === 'object' && parsed !== null && typeof (parsed as Record<string, unknown>).access_token === 'string';
	} catch {
		return 'not-json';
	}
}

export function judgeAnswer(answer: HttpAnswer, mode: ProbeMode): Judgement {
	const {status} = answer;
	const fail = (error: string): Judgement => ({available: false, error: sanitizeLine(error, 300)});

	if (status >= 300 && status < 400) {
		// A token endpoint that redirects is not issuing tokens; following it could even
		// hand credentials to another host.
		return fail(`${statusLine(status)}: redirected to ${answer.location ?? '(no Location header)'}`);
	}
	if (status >= 500) return fail(statusLine(status));
	if (status === 429) {
		// Rate limiting means clients are being turned away, whatever the mode.
		const retryAfter = answer.retryAfter?.trim() ?? '';
		// Seconds or an HTTP date, as RFC 9110 allows; anything else is noise and left out.
		const valid = /^\d{1,10}$/.test(retryAfter) || (/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} [\d:]{8} GMT$/.test(retryAfter) && !Number.isNaN(Date.parse(retryAfter)));
		const retry = valid ? `; Retry-After: ${retryAfter}` : '';
		return fail(`${statusLine(status)} (rate limited${retry})`);
	}
	if (mode === 'reachability') return {available: true, error: null};

	if (status !== 200) {
		const oauth = oauthError(answer.body);
		return fail(oauth ? `${statusLine(status)}: ${oauth}` : statusLine(status));
	}
	if (answer.truncated) return fail(`HTTP 200 but the body exceeds ${answer.bodyLimit} bytes; no token could be read`);
	const token = accessTokenPresent(answer.body);
	if (token === 'not-json') return fail('HTTP 200 but the body is not JSON; no access_token');
	if (!token) return fail('HTTP 200 but the answer holds no access_token');
	return {available: true, error: null};
}
