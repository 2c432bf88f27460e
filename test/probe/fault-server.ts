// A token endpoint that misbehaves on demand: while a fault is set, every connection gets
// it; with no fault it answers like a healthy Authority (200 with an access token). Tests
// probe the fault, clear it, and probe again with the same prober to prove it recovers.

import type {Socket} from 'node:net';
import {createProber, type ProbeOptions, type Prober} from '../../source/probe/prober.js';
import {rawResponse, startRaw, type LoopbackHost, type RawServer} from '../support/raw-servers.js';

export type Fault = (socket: Socket) => void;

export const HEALTHY_BODY = JSON.stringify({access_token: 'eyJ.test.token', token_type: 'Bearer', expires_in: 300});

export const THRESHOLDS = {warningMs: 500, criticalMs: 2000} as const;
/** Short deadline for the timing faults, still above the critical threshold. */
export const TIMEOUT_MS = 2500;

/** Calls `then` once the request (headers and form body) has arrived. */
export function afterRequest(socket: Socket, then: () => void): void {
	let seen = '';
	const onData = (chunk: Buffer) => {
		seen += chunk.toString('latin1');
		const end = seen.indexOf('\r\n\r\n');
		if (end === -1) return;
		const length = Number(/content-length:\s*(\d+)/i.exec(seen.slice(0, end))?.[1] ?? 0);
		if (seen.length - end - 4 < length) return;
		socket.off('data', onData);
		then();
	};
	socket.on('data', onData);
}

export function answerHealthy(socket: Socket): void {
	afterRequest(socket, () =>
		socket.end(rawResponse('200 OK', {'content-type': 'application/json', 'content-length': Buffer.byteLength(HEALTHY_BODY), connection: 'close'}, HEALTHY_BODY)),
	);
}

export interface FaultServer extends RawServer {
	fault: Fault | null;
	/** Probers made by prober(), closed by close(). */
	prober(options?: Partial<ProbeOptions>): Prober;
}

export async function startFaultServer(fault: Fault | null, options: {host?: LoopbackHost} = {}): Promise<FaultServer> {
	const probers: Prober[] = [];
	const state: {fault: Fault | null} = {fault};
	const raw = await startRaw(socket => (state.fault ?? answerHealthy)(socket), options);
	return {
		...raw,
		get fault() {
			return state.fault;
		},
		set fault(next: Fault | null) {
			state.fault = next;
		},
		prober(overrides = {}) {
			const prober = createProber({endpoint: raw.url('/connect/token'), timeoutMs: TIMEOUT_MS, ...overrides});
			probers.push(prober);
			return prober;
		},
		async close() {
			await Promise.all(probers.map(prober => prober.close()));
			await raw.close();
		},
	};
}
