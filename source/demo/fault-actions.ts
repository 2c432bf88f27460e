import type {DemoAuthority} from './authority.js';

/** Enough latency to cross the default warning threshold (500 ms) and stay under critical. */
export const LATENCY_FAULT_MS = 800;
/** Enough to cross the default critical threshold (2000 ms), well inside the probe timeout. */
export const HEAVY_LATENCY_FAULT_MS = 2600;

/** The part of the demo Authority handle the faults need (tests pass a recorder). */
export type FaultTarget = Pick<DemoAuthority, 'setLatency' | 'stop' | 'start'>;

export type FaultAction = 'latency' | 'heavy-latency' | 'stop' | 'clear';

/** The demo's fault keys, as plain functions over the handle. */
export async function addLatency(target: FaultTarget): Promise<void> {
	await target.setLatency(LATENCY_FAULT_MS);
}

export async function addHeavyLatency(target: FaultTarget): Promise<void> {
	await target.setLatency(HEAVY_LATENCY_FAULT_MS);
}

export async function stopAuthority(target: FaultTarget): Promise<void> {
	await target.stop();
}

/** Back to healthy: no added latency, port open (start is a no-op when running). */
export async function clearFaults(target: FaultTarget): Promise<void> {
	await target.setLatency(0);
	await target.start();
}

export const FAULT_ACTIONS: Readonly<Record<FaultAction, (target: FaultTarget) => Promise<void>>> = Object.freeze({
	latency: addLatency,
	'heavy-latency': addHeavyLatency,
	stop: stopAuthority,
	clear: clearFaults,
});
