// --ca adds one CA to Node's built-in roots (Node's own `ca` option would replace them).
// node:tls is loaded only when a CA is given: an http endpoint never needs it, and undici loads
// it itself for an https one (measured: a few ms of every start-up, npm run bench).

import {createRequire} from 'node:module';
import type {SecureContext} from 'node:tls';

const requireBuiltin = createRequire(import.meta.url);

/** Node's bundled roots plus the given CA. Built once per run: it parses ~150 roots (~30 ms). */
export function contextWithCa(ca: string | Buffer): SecureContext {
	const tls = requireBuiltin('node:tls') as typeof import('node:tls');
	return tls.createSecureContext({ca: [...tls.rootCertificates, ca]});
}
