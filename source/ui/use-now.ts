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

/** A clock that never ticks (tests, snapshots of a fixed moment). */
export function fixedNow(now: number): NowSource {
	return {subscribe: never, getSnapshot: () => now};
}
