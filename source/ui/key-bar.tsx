// The keys, always on the last line of the live region.

import React, {memo} from 'react';
import type {KeyHint} from './extensions.js';
import {Line, type Segment} from './line.js';
import {asciiOnly} from './text-fit.js';
import {useTheme} from './theme.js';

export interface KeyBarProps {
	readonly hints: readonly KeyHint[];
	readonly width: number;
}

export const KeyBar = memo(function KeyBar({hints, width}: KeyBarProps): React.JSX.Element {
	const theme = useTheme();
	const segments: Segment[] = [];
	hints.forEach((hint, i) => {
		if (i > 0) segments.push({text: '  '});
		segments.push({text: hint.keys, bold: true, colour: 'cyan'}, {text: ` ${hint.label}`});
	});
	return <Line segments={theme.ascii ? segments.map(s => ({...s, text: asciiOnly(s.text)})) : segments} width={width} />;
});
