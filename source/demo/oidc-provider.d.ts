// oidc-provider ships no type declarations. This covers only the surface the demo Authority
// uses: construct a provider, hand its request listener to our own HTTP server, listen to
// the model events that tell us a token was issued.
declare module 'oidc-provider' {
	import type {IncomingMessage, ServerResponse} from 'node:http';

	export interface IssuedToken {
		readonly jti?: string;
		/** Lifetime in seconds, as the provider computed it for this token. */
		readonly expiration?: number;
	}

	export class Provider {
		constructor(issuer: string, configuration?: Record<string, unknown>);
		callback(): (request: IncomingMessage, response: ServerResponse) => void;
		on(event: string, listener: (...args: any[]) => void): this;
	}

	export default Provider;
}
