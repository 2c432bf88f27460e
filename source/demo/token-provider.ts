import {randomBytes} from 'node:crypto';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {TOKEN_PATH} from './control-protocol.js';

/** Lifetime of an issued access token; also how long it counts as an active session. */
export const ACCESS_TOKEN_TTL_SECONDS = 600;

export interface TokenProviderOptions {
	readonly issuer: string;
	readonly clientId: string;
	readonly clientSecret: string;
	/** Called once per access token really issued, with its lifetime. */
	readonly onIssued: (lifetimeSeconds: number) => void;
}

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A real OAuth2 authorization server (oidc-provider) with one client-credentials client, the
 * token route where StellaOps has it. Imported lazily so the caller can route the provider's
 * console warnings (e.g. "unsupported runtime" on Node 20) before its module runs.
 */
export async function createTokenProvider(options: TokenProviderOptions): Promise<RequestHandler> {
	const {default: Provider} = await import('oidc-provider');
	const provider = new Provider(options.issuer, {
		clients: [
			{
				client_id: options.clientId,
				client_secret: options.clientSecret,
				grant_types: ['client_credentials'],
				response_types: [],
				redirect_uris: [],
				// oidc-provider accepts client_secret_post as well for a client registered
				// with client_secret_basic, so probes may use either.
				token_endpoint_auth_method: 'client_secret_basic',
			},
		],
		features: {
			clientCredentials: {enabled: true},
			devInteractions: {enabled: false},
		},
		routes: {token: TOKEN_PATH},
		ttl: {ClientCredentials: ACCESS_TOKEN_TTL_SECONDS},
		cookies: {keys: [randomBytes(32).toString('base64url')]},
	});
	// Opaque tokens are stored ('saved'); structured ones would only be 'issued'. Either way it
	// is one real token, counted when the provider has created it, not when a request arrives.
	const count = (token: {expiration?: number}) =>
		options.onIssued(typeof token.expiration === 'number' ? token.expiration : ACCESS_TOKEN_TTL_SECONDS);
	provider.on('client_credentials.saved', count);
	provider.on('client_credentials.issued', count);
	return provider.callback();
}
