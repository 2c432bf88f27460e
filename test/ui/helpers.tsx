// Rendering panels and the app in ink-testing-library with a chosen theme and a fixed clock.

import React from 'react';
import {render} from 'ink-testing-library';
import {evaluate} from '../../checks/token-service.js';
import type {ServiceFigures} from '../../checks/types.js';
import type {Observation} from '../../source/monitor/monitor.js';
import {makeTheme, ThemeContext} from '../../source/ui/theme.js';
import {fixedNow, TickerContext, type NowSource} from '../../source/ui/use-now.js';
import {sampleAt} from '../monitor/probe-double.js';

export const T0 = new Date(2025, 0, 15, 14, 2, 11).getTime();

export interface RenderOptions {
	readonly colour?: boolean;
	readonly ascii?: boolean;
	readonly now?: number | NowSource;
}

export function renderUi(node: React.ReactNode, options: RenderOptions = {}) {
	const ticker = typeof options.now === 'object' ? options.now : fixedNow(options.now ?? T0);
	return render(
		<ThemeContext.Provider value={makeTheme({colour: options.colour ?? false, ascii: options.ascii ?? false})}>
			<TickerContext.Provider value={ticker}>{node}</TickerContext.Provider>
		</ThemeContext.Provider>,
	);
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

export function stripAnsi(text: string): string {
	return text.replace(ANSI, '');
}

/** The last frame as plain lines. */
export function lines(frame: string | undefined): string[] {
	return stripAnsi(frame ?? '').split('\n');
}

export function widest(frame: string | undefined): number {
	return Math.max(...lines(frame).map(line => Array.from(line).length));
}

/** A macrotask for Ink to handle input and re-render (two for a lone ESC). */
export async function tick(times = 2): Promise<void> {
	for (let i = 0; i < times; i++) await new Promise<void>(resolve => setImmediate(resolve));
}

export function observation(
	responseTimeMs: number | null,
	error: string | null = null,
	options: {at?: number; figures?: ServiceFigures} = {},
): Observation {
	const sample = sampleAt(options.at ?? T0, responseTimeMs, error);
	return {sample, result: evaluate(sample, undefined, options.figures), receivedAt: (options.at ?? T0) + (responseTimeMs ?? 0)};
}
