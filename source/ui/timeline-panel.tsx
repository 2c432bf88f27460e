// Status changes, newest first, with local times: "14:02:11 PASS → WARN 734 ms". With one
// row to spare, the newest changes share a single line.

import React, {memo} from 'react';
import {Box} from 'ink';
import type {TimelineEntry} from '../monitor/timeline.js';
import {formatClock} from './format.js';
import {Line, titleSegments, type Segment} from './line.js';
import {forTheme} from './text-fit.js';
import {STATUS_COLOUR, STATUS_WORD, useTheme, type Theme} from './theme.js';
import {outcomeWords} from '../../checks/token-service.js';

export interface TimelinePanelProps {
	readonly entries: readonly TimelineEntry[];
	readonly width: number;
	readonly height: number;
}

export function entrySegments(entry: TimelineEntry, theme: Theme): Segment[] {
	const time: Segment = {text: `${formatClock(entry.at)} `, dim: true};
	if (entry.kind === 'note') return [time, {text: forTheme(entry.text, theme), colour: 'cyan'}];
	const to: Segment = {text: STATUS_WORD[entry.to], colour: STATUS_COLOUR[entry.to], bold: true};
	const head: Segment[] =
		entry.from === null ? [to] : [{text: STATUS_WORD[entry.from], colour: STATUS_COLOUR[entry.from]}, {text: ` ${theme.glyphs.arrow} `}, to];
	const detail =
		entry.responseTimeMs !== null && entry.error === null
			? `${entry.responseTimeMs} ms`
			: `${outcomeWords(entry.responseTimeMs, false)}${entry.error ? `: ${forTheme(entry.error, theme)}` : ''}`;
	return [time, ...head, {text: ` ${detail}`}, ...(entry.from === null ? [{text: ' (first probe)', dim: true}] : [])];
}

export const TimelinePanel = memo(function TimelinePanel({entries, width, height}: TimelinePanelProps): React.JSX.Element | null {
	const theme = useTheme();
	if (height <= 0) return null;
	if (height === 1) {
		const segments: Segment[] = [{text: 'Changes ', bold: true}];
		if (entries.length === 0) segments.push({text: 'none yet', dim: true});
		entries.slice(0, 4).forEach((entry, i) => {
			if (i > 0) segments.push({text: theme.glyphs.separator, dim: true});
			segments.push(...entrySegments(entry, theme));
		});
		return <Line segments={segments} width={width} />;
	}
	const shown = entries.slice(0, height - 1);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Line segments={titleSegments('Status changes', width, theme)} width={width} />
			{shown.length === 0 ? <Line segments={[{text: 'none yet', dim: true}]} width={width} /> : null}
			{shown.map((entry, i) => (
				<Line key={`${entry.at}-${entries.length - i}`} segments={entrySegments(entry, theme)} width={width} />
			))}
		</Box>
	);
});
