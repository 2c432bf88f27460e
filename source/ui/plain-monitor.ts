// The monitor without a screen: when stdin or stdout is not a terminal (piped, cron, `ssh
// host stella-doctor-tui` without -t) there is no raw mode and no full-screen drawing. It
// says so once, then prints one plain line per probe — time, status, response time, error —
// until Ctrl+C, SIGTERM or SIGHUP (or the reader of a pipe goes away).

import {systemClock, systemTimers, type Clock, type Timers} from '../monitor/clock.js';
import type {Observation} from '../monitor/monitor.js';
import {monitorFor, type MonitorSource} from './monitor-for.js';
import {sanitizeLine} from '../text/sanitize.js';
import {formatClock, formatInterval} from './format.js';
import {outcomeWords} from '../../checks/token-service.js';

export interface PlainOutput {
	write(text: string): unknown;
	on(event: 'error', listener: () => void): unknown;
	off(event: 'error', listener: () => void): unknown;
}

export interface PlainMonitorOptions extends MonitorSource {
	readonly stdout?: PlainOutput;
	/** Where the one notice goes, so a pipe gets probe lines only (default process.stderr). */
	readonly stderr?: {write(text: string): unknown};
	/** Why there is no screen, said once (default: stdin is not a terminal). */
	readonly reason?: string;
	readonly events?: Pick<NodeJS.EventEmitter, 'on' | 'off'>;
	readonly clock?: Clock;
	readonly timers?: Timers;
}

const SIGNAL_CODES = {SIGINT: 0, SIGTERM: 143, SIGHUP: 129} as const;

/** "14:02:11 PASS 42 ms", "14:02:16 FAIL no answer: connect ECONNREFUSED 127.0.0.1:8080". */
export function plainLine(observation: Observation): string {
	const {sample, result} = observation;
	const time = result.evidence.ResponseTimeMs;
	const status = result.status.toUpperCase();
	const what = outcomeWords(time, result.condition !== 'unavailable');
	const error = sample.error ? `: ${sanitizeLine(sample.error, 300)}` : '';
	const over =
		result.condition === 'slow'
			? ` (over ${result.evidence.WarningThreshold} ms)`
			: result.condition === 'critically-slow'
				? ` (over ${result.evidence.CriticalThreshold} ms)`
				: '';
	return `${formatClock(sample.startedAt)} ${status} ${what}${over}${error}`;
}

export function runPlainMonitor(options: PlainMonitorOptions): Promise<number> {
	const stdout = options.stdout ?? process.stdout;
	const events = options.events ?? process;
	const reason = options.reason ?? 'stdin is not a terminal';
	return new Promise<number>(resolve => {
		let done = false;
		const monitor = monitorFor(options, options.clock ?? systemClock, options.timers ?? systemTimers);
		const handlers = (Object.keys(SIGNAL_CODES) as (keyof typeof SIGNAL_CODES)[]).map(
			signal => [signal, () => end(SIGNAL_CODES[signal])] as const,
		);
		// The reader of a pipe went away (`| head`): it has seen enough.
		const onStreamError = () => end(0);
		function end(code: number): void {
			if (done) return;
			done = true;
			monitor.stop();
			for (const [signal, handler] of handlers) events.off(signal, handler);
			stdout.off('error', onStreamError);
			resolve(code);
		}
		const write = (text: string) => {
			try {
				stdout.write(text);
			} catch {
				end(0);
			}
		};
		for (const [signal, handler] of handlers) events.on(signal, handler);
		stdout.on('error', onStreamError);
		try {
			(options.stderr ?? process.stderr).write(
				`stella-doctor-tui: ${reason}, so no live screen: one line per probe of ${sanitizeLine(options.endpoint)} ` +
					`every ${formatInterval(options.intervalMs)} (Ctrl+C stops).\n`,
			);
		} catch {
			// No stderr to tell: the lines themselves still go out.
		}
		let last: Observation | null = null;
		monitor.subscribe(() => {
			const {latest} = monitor.getSnapshot();
			if (latest === null || latest === last || done) return;
			last = latest;
			write(`${plainLine(latest)}\n`);
		});
		monitor.start();
	});
}
