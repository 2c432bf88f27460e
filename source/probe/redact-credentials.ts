// The client secret must never reach a screen, a report or a log, and the one place it can
// come back from is the server: an error page or error_description that echoes what it was
// sent. Every form the probe sent it in is redacted from remote text before that text is
// judged (so a cut at the line limit cannot leave half a secret) and again after it is
// sanitized (so control characters slipped into the echo cannot hide it).

import type {ClientCredentials} from './prober.js';

export const REDACTED = '[redacted]';

/** Every spelling of the secret that left this process: as is, form-encoded, and in Basic auth. */
export function secretForms(credentials: ClientCredentials | null | undefined, authorization: string | null): string[] {
	if (!credentials || credentials.clientSecret === '') return [];
	const {clientSecret} = credentials;
	const forms = new Set([clientSecret, encodeURIComponent(clientSecret), encodeURIComponent(clientSecret).replace(/%20/g, '+')]);
	if (authorization?.startsWith('Basic ')) forms.add(authorization.slice('Basic '.length));
	// Longest first, so a form that contains another is replaced whole.
	return [...forms].sort((a, b) => b.length - a.length);
}

export function redactForms(text: string, forms: readonly string[]): string {
	let result = text;
	for (const form of forms) result = result.split(form).join(REDACTED);
	return result;
}
