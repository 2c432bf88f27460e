// The one shared clock for everything on screen that shows time. Components that read it
// re-render once a second; nothing else does, and nothing starts a timer of its own.

import {createContext, useContext, useSyncExternalStore} from 'react';
import type {Ticker} from '../monitor/ticker.js';

export type NowSource = Pick<Ticker, 'subscribe' | 'getSnapshot'>;

export const TickerContext = createContext<NowSource | null>(null);

export function useTicker(): NowSource | null {
	return useContext(TickerContext);
}

const never = () => () => {};

/**
 * Wall-clock time of the shared clock's latest tick (epoch ms). With `follow` false the value
 * is read but not followed: the component does not re-render on ticks.
 */
export function useNow(follow = true): number {
	const ticker = useTicker();
	const read = ticker?.getSnapshot ?? Date.now;
	return useSyncExternalStore(follow && ticker ? ticker.subscribe : never, read, read);
}

/**
 * Text derived from the shared clock ("3 s ago"). The component re-renders only when the text
 * changes, not on every tick: at a 1 s interval most ticks change nothing on screen, and each
 * render of an Ink app is a full layout of every cell.
 */
export function useNowText(format: (now: number) => string, follow = true): string {
	const ticker = useTicker();
	const read = ticker?.getSnapshot ?? Date.now;
	const snapshot = () => format(read());
	return useSyncExternalStore(follow && ticker ? ticker.subscribe : never, snapshot, snapshot);
}

/** A clock that never ticks (tests, snapshots of a fixed moment). */
export function fixedNow(now: number): NowSource {
	return {subscribe: never, getSnapshot: () => now};
}
