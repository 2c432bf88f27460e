// Below the minimum size the screen says so in plain words instead of drawing a broken
// layout; the status stays readable and the keys keep working.

import React from 'react';
import {Box} from 'ink';
import type {Observation} from '../monitor/monitor.js';
import {badgeSegment} from './header.js';
import {Line, type Segment} from './line.js';
import {useTheme} from './theme.js';
import {outcomeWords} from '../../checks/token-service.js';

export interface TooSmallProps {
	readonly columns: number;
	readonly rows: number;
	readonly minColumns: number;
	readonly minRows: number;
	readonly latest: Observation | null;
}

export function TooSmall({columns, rows, minColumns, minRows, latest}: TooSmallProps): React.JSX.Element {
	const theme = useTheme();
	const width = Math.max(1, columns);
	const status: Segment[] = [badgeSegment(latest, theme)];
	const time = latest?.result.evidence.ResponseTimeMs;
	if (latest) status.push({text: ` ${outcomeWords(time ?? null, latest.result.condition !== 'unavailable')}`});
	const lines: Segment[][] = [
		[{text: `Terminal too small: ${columns}x${rows}, needs ${minColumns}x${minRows}.`, bold: true}],
		[{text: 'Enlarge the window, or press q to quit.'}],
		status,
	];
	return (
		<Box flexDirection="column" width={width} height={Math.max(1, Math.min(lines.length, rows - 1))}>
			{lines.slice(0, Math.max(1, rows - 1)).map((segments, i) => (
				<Line key={i} segments={segments} width={width} />
			))}
		</Box>
	);
}
