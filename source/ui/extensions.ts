// How the app takes panels and keys it does not know about (the runbook and its output, from
// another part of the product): a hook, passed in once, that returns them on every render.
// The app lays the panels out with its own (see layout.ts) and routes every key to them
// first — except Ctrl+C, which always quits, and Ctrl+L, which always repaints.

import type {Key} from 'ink';
import type {ReactNode} from 'react';
import type {MonitorSnapshot} from '../monitor/monitor.js';
import type {PanelRequest} from './layout.js';

export interface KeyHint {
	/** As shown: "Enter", "1-9", "↑↓". */
	readonly keys: string;
	readonly label: string;
}

export interface ExtensionPanel extends PanelRequest {
	/** Draws the panel in exactly this many rows and columns. */
	render(area: {readonly width: number; readonly height: number}): ReactNode;
}

export interface AppExtensions {
	/** Stacked below the evidence, in this order. */
	readonly panels?: readonly ExtensionPanel[];
	/** Shown in the key bar (before "? help" and "q quit") and in the help overlay. */
	readonly keyHints?: readonly KeyHint[];
	/** Keys listed only in the help overlay (a panel that shows its own keys). */
	readonly helpHints?: readonly KeyHint[];
	/** Gets every key first (not Ctrl+C or Ctrl+L, not while help is open); true when it used the key. */
	readonly handleKey?: (input: string, key: Key) => boolean;
	/** Extra items at the right of the header's first line. */
	readonly headerItems?: readonly string[];
}

export interface ExtensionContext {
	readonly snapshot: MonitorSnapshot;
	/** Probe at once (after a remediation step, to see its effect); false when one is in flight. */
	readonly probeNow: () => boolean;
	/** A line in the timeline (a step ran, and how it ended). */
	readonly note: (text: string) => void;
	readonly columns: number;
	readonly rows: number;
	readonly readOnly: boolean;
	readonly helpOpen: boolean;
}

/**
 * Called as a hook inside the app on every render: it may use hooks itself (useRunner …).
 * Pass the same function for the app's whole life.
 */
export type UseExtensions = (context: ExtensionContext) => AppExtensions;

const NONE: AppExtensions = Object.freeze({});

export const noExtensions: UseExtensions = () => NONE;
