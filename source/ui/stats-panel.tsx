// Response-time statistics since start and over the last five minutes, as a small table.

import React, {memo} from 'react';
import {Box} from 'ink';
import type {StatsSummary} from '../monitor/stats.js';
import {formatPercent, formatSpan} from './format.js';
import {Line, type Segment} from './line.js';
import {useTheme, type Theme} from './theme.js';

export interface StatsPanelProps {
	readonly sinceStart: StatsSummary;
	readonly lastWindow: StatsSummary;
	readonly windowMs: number;
	readonly width: number;
}

/** From this width the counts get a column each; below, they share one ("pass/warn/fail"). */
export const FULL_STATS_WIDTH = 63;

function row(label: string, summary: StatsSummary | null, width: number, theme: Theme): Segment[] {
	const full = width >= FULL_STATS_WIDTH;
	const num = full ? 6 : 5;
	const cell = (value: number | null) => (value === null ? theme.glyphs.none : String(value)).padStart(num);
	if (summary === null) {
		const head = ['min', 'p50', 'p95', 'p99', 'max'].map(name => name.padStart(num)).join('');
		const counts = full ? ['pass', 'warn', 'fail'].map(name => name.padStart(5)).join('') : ' pass/warn/fail';
		return [{text: label.padEnd(11), bold: true}, {text: head, dim: true}, {text: 'avail'.padStart(7), dim: true}, {text: counts, dim: true}];
	}
	const segments: Segment[] = [
		{text: label.padEnd(11)},
		{text: [summary.min, summary.p50, summary.p95, summary.p99, summary.max].map(cell).join('')},
		{
			text: formatPercent(summary.availabilityPct, theme).padStart(7),
			colour: summary.availabilityPct === null ? undefined : summary.availabilityPct >= 100 ? 'green' : 'red',
		},
	];
	if (full) {
		segments.push(
			{text: String(summary.pass).padStart(5), colour: 'green'},
			{text: String(summary.warn).padStart(5), colour: summary.warn > 0 ? 'yellow' : undefined},
			{text: String(summary.fail).padStart(5), colour: summary.fail > 0 ? 'red' : undefined},
		);
	} else {
		segments.push({text: ` ${summary.pass}/${summary.warn}/${summary.fail}`});
	}
	return segments;
}

export const StatsPanel = memo(function StatsPanel({sinceStart, lastWindow, windowMs, width}: StatsPanelProps): React.JSX.Element {
	const theme = useTheme();
	return (
		<Box flexDirection="column" width={width} height={3}>
			<Line segments={row('response ms', null, width, theme)} width={width} />
			<Line segments={row('since start', sinceStart, width, theme)} width={width} />
			<Line segments={row(`last ${formatSpan(windowMs)}`, lastWindow, width, theme)} width={width} />
		</Box>
	);
});
