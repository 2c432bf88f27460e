// Soak (issue 7): the monitor's own scheduler, prober and history — the modules the TUI
// uses — driven at 20 probes a second (below the --interval floor, through the module
// directly) against a local service that really goes down and up every second, for a
// bounded time. It reports probes made, transitions seen against those caused, memory at
// start and end and the handles left open, and exits non-zero if a transition was missed or
// invented, a verdict was wrong, memory grew per probe, or a handle leaked.
//
//   node --import tsx scripts/soak.ts [--seconds 30] [--rate 20] [--period 1000] [--json]
//
// Exit codes: 0 all held, 1 a criterion failed, 2 bad arguments. A crash exits non-zero too.

import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {parseArgs} from 'node:util';
import {DEFAULT_THRESHOLDS} from '../checks/token-service.js';
import type {Status} from '../checks/types.js';
import {createMonitor, type Observation} from '../source/monitor/monitor.js';
import {createProber} from '../source/probe/prober.js';
import {startFlapping, type StateChange} from '../test/support/raw-servers.js';

/** Post-GC heap growth allowed per probe once warm; the monitor's own bounded history costs far less. */
const MAX_HEAP_BYTES_PER_PROBE = 1024;
/** Post-GC heap growth allowed in total, whatever the length of the run. */
const MAX_HEAP_GROWTH_BYTES = 32 * 1024 * 1024;

interface Settings {
	readonly seconds: number;
	readonly rate: number;
	readonly periodMs: number;
	readonly json: boolean;
}

function readSettings(): Settings {
	const {values} = parseArgs({
		options: {
			seconds: {type: 'string', default: '30'},
			rate: {type: 'string', default: '20'},
			period: {type: 'string', default: '1000'},
			json: {type: 'boolean', default: false},
		},
	});
	const positive = (name: string, text: string, max: number) => {
		const value = Number(text);
		if (!/^\d+(\.\d+)?$/.test(text) || !(value > 0) || value > max) {
			process.stderr.write(`soak: --${name}: "${text}" must be a number above 0 and at most ${max}\n`);
			process.exit(2);
		}
		return value;
	};
	return {
		seconds: positive('seconds', values.seconds!, 86_400),
		rate: positive('rate', values.rate!, 200),
		periodMs: positive('period', values.period!, 3_600_000),
		json: values.json === true,
	};
}

/** A real gc() without requiring --expose-gc on the command line. */
function exposeGc(): () => void {
	setFlagsFromString('--expose-gc');
	return runInNewContext('gc') as () => void;
}

function handleCounts(): Map<string, number> {
	const counts = new Map<string, number>();
	for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
	return counts;
}

interface MemoryPoint {
	readonly seconds: number;
	readonly probes: number;
	readonly heapUsed: number;
	readonly rss: number;
	readonly external: number;
	readonly arrayBuffers: number;
}

function point(elapsedMs: number, usage: NodeJS.MemoryUsage, probes: number): MemoryPoint {
	return {seconds: Math.round(elapsedMs / 1000), probes, heapUsed: usage.heapUsed, rss: usage.rss, external: usage.external, arrayBuffers: usage.arrayBuffers};
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Index of the state a probe started in: the last change strictly before it (-1 before the
 * first). Strictly, because times are whole milliseconds: a probe started in the very
 * millisecond of a change may have started just before it.
 */
function stateAt(changes: readonly StateChange[], at: number): number {
	let low = 0;
	let high = changes.length - 1;
	let found = -1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		if (changes[middle]!.at < at) {
			found = middle;
			low = middle + 1;
		} else high = middle - 1;
	}
	return found;
}

async function main(): Promise<number> {
	const settings = readSettings();
	const gc = exposeGc();
	const handlesBefore = handleCounts();

	const service = await startFlapping({periodMs: settings.periodMs});
	const endpoint = service.url('/connect/token');
	const prober = createProber({endpoint, timeoutMs: 2500});
	const monitor = createMonitor({
		endpoint,
		intervalMs: 1000 / settings.rate,
		probe: () => prober.probe(),
		thresholds: DEFAULT_THRESHOLDS,
	});

	// Each state of the service, by index in service.changes: was it seen by a probe made
	// wholly inside it? And verdicts that contradict the state they were made in.
	const seenStates = new Set<number>();
	const wrongVerdicts: string[] = [];
	let transitionsSeen = 0;
	let lastObservation: Observation | null = null;
	let lastTimelineHead: unknown = null;
	let firstProbeAt: number | null = null;
	let lastProbeAt = 0;
	monitor.subscribe(() => {
		const snapshot = monitor.getSnapshot();
		const head = snapshot.timeline[0];
		if (head !== lastTimelineHead) {
			lastTimelineHead = head;
			if (head?.kind === 'status' && head.from !== null) transitionsSeen++;
		}
		const observation = snapshot.latest;
		if (observation === null || observation === lastObservation) return;
		lastObservation = observation;
		const {startedAt} = observation.sample;
		firstProbeAt ??= startedAt;
		lastProbeAt = startedAt;
		const index = stateAt(service.changes, startedAt);
		const state = service.changes[index];
		const next = service.changes[index + 1];
		// A probe that straddled a change may report either state; it proves nothing.
		if (!state || (next && observation.receivedAt >= next.at)) return;
		const expected: Status = state.up ? 'pass' : 'fail';
		if (observation.result.status === expected) seenStates.add(index);
		else wrongVerdicts.push(`${new Date(startedAt).toISOString()} ${state.up ? 'up' : 'down'} but ${observation.result.status}: ${observation.sample.error ?? ''}`);
	});

	const memory = () => {
		gc();
		return process.memoryUsage();
	};
	const startMemory = memory();
	monitor.start();

	// Warm up (connections, JIT, the first history points) before the heap baseline.
	const durationMs = settings.seconds * 1000;
	const warmMs = Math.min(5000, durationMs * 0.2);
	await sleep(warmMs);
	const warmMemory = memory();
	const warmProbes = monitor.getSnapshot().probes;
	// A reading every tenth of the run (at least every minute): shows whether RSS levels off.
	const series: MemoryPoint[] = [point(warmMs, warmMemory, warmProbes)];
	const step = Math.min(60_000, (durationMs - warmMs) / 10);
	for (let elapsed = warmMs + step; elapsed < durationMs - 1; elapsed += step) {
		await sleep(Math.min(step, durationMs - elapsed));
		series.push(point(elapsed, memory(), monitor.getSnapshot().probes));
	}
	await sleep(Math.max(0, durationMs - (warmMs + step * (series.length - 1))));
	const endMemory = memory();
	const endProbes = monitor.getSnapshot().probes;

	monitor.stop();
	await prober.close();
	await service.close();
	// Let closed handles finish closing before counting what is left.
	await sleep(200);
	const handlesAfter = handleCounts();

	// Changes a probe could have seen: after the first probe, and with a probe started after them.
	const changes = service.changes;
	const observable = changes
		.map((change, index) => ({change, index}))
		.filter(({change, index}) => index > 0 && firstProbeAt !== null && change.at > firstProbeAt && change.at < lastProbeAt);
	const missed = observable.filter(({index}) => !seenStates.has(index));
	const transitionsCaused = observable.length;

	const leaked = [...handlesAfter].filter(([kind, count]) => count > (handlesBefore.get(kind) ?? 0)).map(([kind, count]) => `${kind}×${count - (handlesBefore.get(kind) ?? 0)}`);
	const heapGrowth = endMemory.heapUsed - warmMemory.heapUsed;
	const probesWarm = Math.max(1, endProbes - warmProbes);
	const heapPerProbe = heapGrowth / probesWarm;

	const problems: string[] = [];
	if (missed.length > 0) problems.push(`${missed.length} state change(s) never observed (first at ${new Date(missed[0]!.change.at).toISOString()})`);
	// The timeline may also see the change that happened while the last probe ran; never fewer, never more than one extra.
	if (transitionsSeen < transitionsCaused || transitionsSeen > transitionsCaused + 1) {
		problems.push(`the timeline shows ${transitionsSeen} transitions for ${transitionsCaused} caused`);
	}
	if (wrongVerdicts.length > 0) problems.push(`${wrongVerdicts.length} verdict(s) contradict the service's state, e.g. ${wrongVerdicts[0]}`);
	if (heapGrowth > MAX_HEAP_GROWTH_BYTES) problems.push(`heap grew ${mb(heapGrowth)} after warm-up`);
	if (endProbes - warmProbes >= 500 && heapPerProbe > MAX_HEAP_BYTES_PER_PROBE) problems.push(`heap grew ${Math.round(heapPerProbe)} B per probe`);
	if (leaked.length > 0) problems.push(`handles left open: ${leaked.join(', ')}`);
	if (endProbes < settings.rate * settings.seconds * 0.5) problems.push(`only ${endProbes} probes in ${settings.seconds} s at ${settings.rate}/s`);

	const figures = {
		seconds: settings.seconds,
		rate: settings.rate,
		periodMs: settings.periodMs,
		probes: endProbes,
		transitionsCaused,
		transitionsSeen,
		statesMissed: missed.length,
		wrongVerdicts: wrongVerdicts.length,
		memory: {
			start: {heapUsed: startMemory.heapUsed, rss: startMemory.rss},
			warm: {heapUsed: warmMemory.heapUsed, rss: warmMemory.rss},
			end: {heapUsed: endMemory.heapUsed, rss: endMemory.rss},
			series,
			heapBytesPerProbeAfterWarmUp: Math.round(heapPerProbe),
		},
		handlesLeft: Object.fromEntries(handlesAfter),
		handlesLeaked: leaked,
		problems,
	};
	if (settings.json) process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
	else {
		const lines = [
			`soak: ${settings.seconds} s at ${settings.rate} probes/s, service flapping every ${settings.periodMs} ms`,
			`  probes made          ${endProbes}`,
			`  transitions caused   ${transitionsCaused}`,
			`  transitions seen     ${transitionsSeen}  (states missed: ${missed.length}, wrong verdicts: ${wrongVerdicts.length})`,
			`  heap (after GC)      start ${mb(startMemory.heapUsed)}, warm ${mb(warmMemory.heapUsed)}, end ${mb(endMemory.heapUsed)} (${Math.round(heapPerProbe)} B/probe after warm-up)`,
			`  RSS                  start ${mb(startMemory.rss)}, warm ${mb(warmMemory.rss)}, end ${mb(endMemory.rss)}`,
			`  over time (s: heap/RSS/external) ${series.map(entry => `${entry.seconds}: ${mb(entry.heapUsed)}/${mb(entry.rss)}/${mb(entry.external)}`).join('; ')}`,
			`  handles at the end   ${[...handlesAfter].map(([kind, count]) => `${kind}×${count}`).join(', ') || 'none'}${leaked.length ? `; leaked: ${leaked.join(', ')}` : ' (none leaked)'}`,
			problems.length === 0 ? 'soak: PASS' : `soak: FAIL\n${problems.map(problem => `  - ${problem}`).join('\n')}`,
		];
		process.stdout.write(lines.join('\n') + '\n');
	}
	return problems.length === 0 ? 0 : 1;
}

function mb(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

main().then(
	code => {
		process.exitCode = code;
	},
	(error: unknown) => {
		process.stderr.write(`soak: crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exitCode = 1;
	},
);
