// The response-time chart: a title with what it shows, then the grid from chart-grid.ts
// with each kind of cell in its own colour. Without colour the cells still differ in shape:
// threshold lines are dotted and labelled, failures are marked with their own glyphs.

import React, {memo, useMemo} from 'react';
import {Box} from 'ink';
import type {Thresholds} from '../../checks/types.js';
import type {ChartPoint} from '../monitor/monitor.js';
import {buildChartGrid, type CellKind, type ChartCell} from './chart-grid.js';
import {formatSpan} from './format.js';
import {Line, titleSegments, type Segment} from './line.js';
import {STATUS_COLOUR, useTheme} from './theme.js';

export interface ChartProps {
	/** The newest probes, oldest first (more than fit is fine). */
	readonly points: readonly ChartPoint[];
	readonly thresholds: Thresholds;
	readonly width: number;
	/** Rows including the title line. */
	readonly height: number;
}

const KIND_COLOUR: Partial<Record<CellKind, string>> = {
	label: 'gray',
	axis: 'gray',
	'warn-label': 'yellow',
	'warn-line': 'yellow',
	'crit-label': 'red',
	'crit-line': 'red',
	failure: 'red',
};

function colourOf(cell: ChartCell): string | undefined {
	return cell.kind === 'data' && cell.status ? STATUS_COLOUR[cell.status] : KIND_COLOUR[cell.kind];
}

/** Neighbouring cells of one colour become one segment. */
export function rowSegments(row: readonly ChartCell[]): Segment[] {
	const segments: Segment[] = [];
	let text = '';
	let colour: string | undefined;
	for (const [index, cell] of row.entries()) {
		const cellColour = colourOf(cell);
		if (index > 0 && cellColour !== colour) {
			segments.push({text, colour});
			text = '';
		}
		colour = cellColour;
		text += cell.char;
	}
	if (row.length > 0) segments.push({text, colour});
	return segments;
}

export const Chart = memo(function Chart({points, thresholds, width, height}: ChartProps): React.JSX.Element {
	const theme = useTheme();
	const grid = useMemo(
		() => buildChartGrid(points, {width, height: height - 1, thresholds, glyphs: theme.glyphs}),
		[points, width, height, thresholds, theme],
	);
	const shown = points.slice(-grid.shown);
	const span = shown.length > 1 ? ` over ${formatSpan((shown.at(-1)?.at ?? 0) - (shown[0]?.at ?? 0))}` : '';
	const right: Segment[] = [];
	if (grid.failures > 0) right.push({text: `${theme.glyphs.failMark} failed`, colour: 'red'});
	const title = `Response time, ms, log scale${theme.glyphs.separator}${grid.shown} probe${grid.shown === 1 ? '' : 's'}${span}`;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Line segments={titleSegments(title, width, theme, right)} width={width} />
			{grid.rows.map((row, i) => (
				<Line key={i} segments={rowSegments(row)} width={width} />
			))}
		</Box>
	);
});
