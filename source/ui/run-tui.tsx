// The full-screen live monitor: terminal set-up, the Ink app, and the way out. Returns the
// exit code: 0 for q and Ctrl+C, 128 + signal for SIGTERM (143) and SIGHUP (129), 1 for an
// error (after the terminal is restored, the error is printed on the normal screen).
// Without a terminal on both stdin and stdout, or on a dumb one, it runs the plain
// line-per-probe monitor.

import React, {useSyncExternalStore} from 'react';
import {Box, render, type Instance} from 'ink';
import type {ProbeMode, Sample, Thresholds} from '../../checks/types.js';
import {systemClock, systemTimers, type Clock, type Timers} from '../monitor/clock.js';
import type {Monitor} from '../monitor/monitor.js';
import {monitorFor} from './monitor-for.js';
import {createTicker} from '../monitor/ticker.js';
import {sanitizeLine} from '../text/sanitize.js';
import {App} from './app.js';
import {holdConsole} from './console-hold.js';
import type {FiguresSource} from './evidence-panel.js';
import type {UseExtensions} from './extensions.js';
import {createInkStdout} from './ink-stdout.js';
import {runPlainMonitor} from './plain-monitor.js';
import {createRedraw, type Redraw} from './redraw.js';
import {CLEAR_SCREEN, createTerminalGuard} from './terminal-guard.js';
import {detectAscii, detectColour, type Env} from './terminal-caps.js';
import {makeTheme, ThemeContext, type Theme} from './theme.js';
import {TickerContext} from './use-now.js';
import {useTerminalSize, type SizedStream} from './use-terminal-size.js';

/** Where signals and uncaught errors arrive (the process, or an emitter in tests). */
export type ProcessEvents = Pick<NodeJS.EventEmitter, 'on' | 'off'>;

export interface TuiOptions {
	/** The token endpoint, as configured (shown before the first probe). */
	readonly endpoint: string;
	readonly intervalMs: number;
	/** One probe; should never reject (a rejection is recorded as a failed probe). */
	readonly probe: () => Promise<Sample>;
	readonly thresholds?: Thresholds;
	/** The configured probe mode (shown before the first probe). */
	readonly mode?: ProbeMode;
	/** The Authority's figures with provenance, e.g. the metrics poller; absent: "unknown". */
	readonly metrics?: FiguresSource;
	/** ASCII only; null or absent: from the locale (LC_ALL, LC_CTYPE, LANG). */
	readonly ascii?: boolean | null;
	/** Colour; null or absent: from NO_COLOR, TERM and the terminal. */
	readonly colour?: boolean | null;
	readonly readOnly?: boolean;
	/** Extra items at the right of the header (environment …). */
	readonly headerItems?: readonly string[];
	/** Panels and keys of other parts of the product (runbook, output). */
	readonly useExtensions?: UseExtensions;
	readonly stdin?: NodeJS.ReadStream;
	readonly stdout?: NodeJS.WriteStream;
	readonly stderr?: NodeJS.WriteStream;
	readonly env?: Env;
	readonly clock?: Clock;
	readonly timers?: Timers;
	/** Frame-rate cap (default 10): keys feel immediate, and an SSH link never sees more. */
	readonly maxFps?: number;
	readonly events?: ProcessEvents;
	/** Called with the monitor once it runs (e.g. to add timeline notes from outside). */
	readonly onMonitor?: (monitor: Monitor) => void;
	/**
	 * Send the first probe before the first frame and hold that frame this long (ms) for its
	 * answer, so a quick answer is in the first frame. 0 or absent: draw first, then probe.
	 */
	readonly firstProbeWaitMs?: number;
}

const SIGNAL_CODES = {SIGTERM: 143, SIGHUP: 129, SIGINT: 0} as const;

interface RootProps {
	readonly options: TuiOptions;
	readonly monitor: Monitor;
	readonly stdout: SizedStream;
	readonly redraw: Redraw;
	readonly onQuit: () => void;
}

function Root({options, monitor, stdout, redraw, onQuit}: RootProps): React.JSX.Element | null {
	const {columns, rows} = useTerminalSize(stdout);
	const blank = useSyncExternalStore(redraw.subscribe, redraw.getSnapshot, redraw.getSnapshot);
	// Hidden, not unmounted, while the screen is cleared for a resize: the operator's state
	// (environment, selection, open help or confirmation) must survive a window change.
	return (
		<Box display={blank ? 'none' : 'flex'} flexDirection="column">
			<App
			monitor={monitor}
			columns={columns}
			rows={rows}
			onQuit={onQuit}
			onRepaint={redraw.trigger}
			mode={options.mode}
			metrics={options.metrics}
			readOnly={options.readOnly}
			headerItems={options.headerItems}
				useExtensions={options.useExtensions}
			/>
		</Box>
	);
}

export function themeFor(options: Pick<TuiOptions, 'ascii' | 'colour'>, env: Env, stdout?: NodeJS.WriteStream): Theme {
	return makeTheme({
		ascii: options.ascii ?? detectAscii(env),
		colour: options.colour ?? detectColour(env, stdout),
	});
}

type Outcome = {readonly code: number} | {readonly error: unknown};

/** Resolves when the monitor has its first answer, after waitMs, or when `until` settles. */
function firstAnswer(monitor: Monitor, timers: Timers, waitMs: number, until: Promise<unknown>): Promise<void> {
	return new Promise(resolve => {
		let timer: unknown = null;
		let unsubscribe: () => void = () => {};
		const done = () => {
			unsubscribe();
			if (timer !== null) timers.clearTimeout(timer);
			resolve();
		};
		unsubscribe = monitor.subscribe(() => {
			if (monitor.getSnapshot().probes > 0) done();
		});
		timer = timers.setTimeout(done, waitMs);
		void until.then(done, done);
	});
}

export async function runTui(options: TuiOptions): Promise<number> {
	const stdin = options.stdin ?? process.stdin;
	const stdout = options.stdout ?? process.stdout;
	const stderr = options.stderr ?? process.stderr;
	const env = options.env ?? process.env;
	const events = options.events ?? process;
	// A dumb terminal cannot move its cursor: a full-screen app would be garbage there.
	const reason = !stdin.isTTY
		? 'stdin is not a terminal'
		: !stdout.isTTY
			? 'stdout is not a terminal'
			: env.TERM === 'dumb'
				? 'TERM is dumb'
				: null;
	if (reason !== null) return runPlainMonitor({...options, stdout, stderr, events, reason});
	const clock = options.clock ?? systemClock;
	const timers = options.timers ?? systemTimers;
	const maxFps = options.maxFps ?? 10;
	const theme = themeFor(options, env, stdout);

	let finish: (outcome: Outcome) => void = () => {};
	const finished = new Promise<Outcome>(resolve => {
		finish = resolve;
	});
	const quit = () => finish({code: 0});
	const onSignal = (signal: keyof typeof SIGNAL_CODES) => () => finish({code: SIGNAL_CODES[signal]});
	const signalHandlers = (Object.keys(SIGNAL_CODES) as (keyof typeof SIGNAL_CODES)[]).map(signal => [signal, onSignal(signal)] as const);
	const onError = (error: unknown) => finish({error});
	// After SIGHUP the terminal is gone; a failed write must not become a crash.
	const onStreamError = () => {};

	const guard = createTerminalGuard(stdout, stdin);
	const held = holdConsole();
	const monitor = monitorFor(options, clock, timers);
	const ticker = createTicker({clock, timers});
	const redraw = createRedraw({
		// Long enough for Ink's frame throttle to let the empty frame out first.
		delayMs: Math.max(80, Math.ceil(1000 / maxFps) + 50),
		timers,
		clear: () => {
			try {
				stdout.write(CLEAR_SCREEN);
			} catch {
				// Terminal gone.
			}
		},
	});
	const onResize = () => redraw.trigger();

	let instance: Instance | null = null;
	let outcome: Outcome;
	try {
		for (const [signal, handler] of signalHandlers) events.on(signal, handler);
		events.on('uncaughtException', onError);
		events.on('unhandledRejection', onError);
		stdout.on('error', onStreamError);
		guard.enter();
		// Registered before Ink's own listener, so the screen is cleared before Ink redraws.
		stdout.on('resize', onResize);
		const firstProbeWaitMs = options.firstProbeWaitMs ?? 0;
		if (firstProbeWaitMs > 0) {
			// The first probe goes out now, while nothing else runs: the first render is tens of
			// ms of work that would be counted in a probe started under it. Drawn after the
			// answer, the first frame is the full one; drawn before it, the answer would wait
			// for Ink's next frame slot (measured with npm run bench: the first full frame ~100 ms
			// sooner on a fast server). A slow answer holds the first frame no longer than this.
			monitor.start();
			await firstAnswer(monitor, timers, firstProbeWaitMs, finished);
		}
		const inkStdout = createInkStdout(stdout, {ascii: theme.ascii, colour: theme.colour});
		instance = render(
			<ThemeContext.Provider value={theme}>
				<TickerContext.Provider value={ticker}>
					<Root options={options} monitor={monitor} stdout={stdout} redraw={redraw} onQuit={quit} />
				</TickerContext.Provider>
			</ThemeContext.Provider>,
			{
				stdout: inkStdout,
				stdin,
				stderr,
				exitOnCtrlC: false,
				patchConsole: false,
				incrementalRendering: true,
				maxFps,
			},
		);
		instance.waitUntilExit().then(
			() => finish({code: 0}),
			(error: unknown) => finish({error}),
		);
		monitor.start(); // idempotent: a no-op when the first probe already went out above
		options.onMonitor?.(monitor);
		outcome = await finished;
	} catch (error) {
		outcome = {error};
	} finally {
		monitor.stop();
		ticker.stop();
		redraw.stop();
		stdout.off('resize', onResize);
		try {
			instance?.unmount();
		} catch {
			// Unmounting a broken tree must not keep the terminal in full-screen mode.
		}
		guard.restore();
		for (const [signal, handler] of signalHandlers) events.off(signal, handler);
		events.off('uncaughtException', onError);
		events.off('unhandledRejection', onError);
	}
	const printed = held.release();
	const lines = printed.map(line => `${line}\n`).join('');
	try {
		if (lines) stderr.write(lines);
		if ('error' in outcome) {
			const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
			stderr.write(`stella-doctor-tui: ${sanitizeLine(message, 400)}\n`);
		}
	} catch {
		// Terminal gone.
	}
	stdout.off('error', onStreamError);
	return 'error' in outcome ? 1 : outcome.code;
}
