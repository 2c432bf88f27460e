// How the screen draws: with or without colour, with Unicode or ASCII only. Every glyph that
// is not plain ASCII lives here, so ASCII mode (LC_ALL=C, --ascii) cannot leak a box-drawing
// character, and every state stays readable from text alone when colour is off.

import {createContext, useContext} from 'react';
import type {Status} from '../../checks/types.js';

/** asciichart's ten symbols: ┼ ┤ ╶ ╴ ─ ╰ ╭ ╮ ╯ │ */
export type ChartSymbols = readonly [string, string, string, string, string, string, string, string, string, string];

export interface Glyphs {
	/** Horizontal rule of section titles. */
	readonly rule: string;
	readonly arrow: string;
	/** Separator between items on one line. */
	readonly separator: string;
	readonly ellipsis: string;
	/** A value that is not there (no error, no TLS phase). */
	readonly none: string;
	readonly inFlight: string;
	readonly paused: string;
	readonly up: string;
	/** Marks a failed probe at the bottom of its chart column … */
	readonly failMark: string;
	/** … and fills the rest of that column. */
	readonly failBand: string;
	readonly dataSymbols: ChartSymbols;
	readonly thresholdSymbols: ChartSymbols;
}

const UNICODE: Glyphs = {
	rule: '─',
	arrow: '→',
	separator: ' · ',
	ellipsis: '…',
	none: '—',
	inFlight: '● probing',
	paused: '‖ PAUSED',
	up: '↑',
	failMark: '×',
	failBand: '┊',
	dataSymbols: ['┼', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
	thresholdSymbols: ['┼', '┤', '╶', '╴', '┄', '╰', '╭', '╮', '╯', '│'],
};

const ASCII: Glyphs = {
	rule: '-',
	arrow: '->',
	separator: ' | ',
	ellipsis: '...',
	none: '-',
	inFlight: '* probing',
	paused: '|| PAUSED',
	up: '^',
	failMark: 'x',
	failBand: ':',
	dataSymbols: ['+', '|', '-', '-', '-', '+', '+', '+', '+', '|'],
	thresholdSymbols: ['+', '|', '.', '.', '.', '+', '+', '+', '+', '|'],
};

export interface Theme {
	readonly colour: boolean;
	readonly ascii: boolean;
	readonly glyphs: Glyphs;
}

export function makeTheme(options: {colour: boolean; ascii: boolean}): Theme {
	return {colour: options.colour, ascii: options.ascii, glyphs: options.ascii ? ASCII : UNICODE};
}

export const STATUS_COLOUR: Readonly<Record<Status, string>> = {pass: 'green', warn: 'yellow', fail: 'red'};
export const STATUS_WORD: Readonly<Record<Status, string>> = {pass: 'PASS', warn: 'WARN', fail: 'FAIL'};

export const ThemeContext = createContext<Theme>(makeTheme({colour: true, ascii: false}));

export function useTheme(): Theme {
	return useContext(ThemeContext);
}

/** A colour prop, or nothing when colour is off. */
export function tint(theme: Theme, colour: string | undefined): string | undefined {
	return theme.colour ? colour : undefined;
}
