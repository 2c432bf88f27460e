// The keys, always on the last line of the live region.

import React, {memo} from 'react';
import type {KeyHint} from './extensions.js';
import {Line, type Segment} from './line.js';
import {asciiOnly, displayWidth} from './text-fit.js';
import {useTheme} from './theme.js';

export interface KeyBarProps {
	readonly hints: readonly KeyHint[];
	readonly width: number;
}

const SEPARATOR = '  ';
/** The last hints ("? help", "q quit") stay when the bar is too wide: help lists all the others. */
const KEPT_AT_END = 2;

const hintWidth = (hint: KeyHint) => displayWidth(`${hint.keys} ${hint.label}`);

/** The hints that fit in `width`: whole hints are left out from the right of the middle. */
export function fittingHints(hints: readonly KeyHint[], width: number): readonly KeyHint[] {
	const total = (list: readonly KeyHint[]) => list.reduce((sum, hint, i) => sum + hintWidth(hint) + (i > 0 ? SEPARATOR.length : 0), 0);
	if (total(hints) <= width || hints.length <= KEPT_AT_END) return hints;
	const end = hints.slice(-KEPT_AT_END);
	const middle = hints.slice(0, -KEPT_AT_END);
	while (middle.length > 0 && total([...middle, ...end]) > width) middle.pop();
	return [...middle, ...end];
}

export const KeyBar = memo(function KeyBar({hints, width}: KeyBarProps): React.JSX.Element {
	const theme = useTheme();
	const shown = fittingHints(theme.ascii ? hints.map(hint => ({keys: asciiOnly(hint.keys), label: asciiOnly(hint.label)})) : hints, width);
	const segments: Segment[] = [];
	shown.forEach((hint, i) => {
		if (i > 0) segments.push({text: SEPARATOR});
		segments.push({text: hint.keys, bold: true, colour: 'cyan'}, {text: ` ${hint.label}`});
	});
	// Still cut by Line when even the kept hints are wider than the terminal.
	return <Line segments={segments} width={width} />;
});
