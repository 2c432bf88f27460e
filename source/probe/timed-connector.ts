// Wraps undici's connector so one probe can see when DNS, TCP and TLS finished: undici
// itself reports no phase timings.

import type {Socket} from 'node:net';
import {performance} from 'node:perf_hooks';
import type {SecureContext} from 'node:tls';
import {buildConnector} from 'undici';
import type {PhaseMarks} from './phase-recorder.js';

export interface TlsOptions {
	/** Trust store to verify the server with; Node's default roots when absent. */
	readonly secureContext?: SecureContext;
	readonly rejectUnauthorized: boolean;
}

export function timedConnector(
	tls: TlsOptions,
	connectTimeoutMs: number,
	marks: PhaseMarks,
	now: () => number = () => performance.now(),
): buildConnector.connector {
	const base = buildConnector({
		...tls,
		timeout: connectTimeoutMs,
		// A full handshake every time, as curl does: no TLS session resumption between probes.
		maxCachedSessions: 0,
		// Reach "localhost" whichever address family the server listens on.
		autoSelectFamily: true,
		autoSelectFamilyAttemptTimeout: 250,
	});
	return (options, callback) => {
		marks.connectStart = now();
		// undici's types say void, but the connector returns the socket it made (net or tls).
		const socket = base(options, callback) as unknown as Socket;
		socket.once('lookup', () => {
			marks.lookupDone ??= now();
		});
		socket.once('connect', () => {
			marks.connected ??= now();
		});
		socket.once('secureConnect', () => {
			marks.secured ??= now();
		});
		return socket;
	};
}
