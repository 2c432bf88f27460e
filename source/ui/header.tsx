// Two lines that answer "is it healthy, right now?": the check and endpoint, then the
// status badge (the word and its colour), the last response time, how long ago that was,
// the interval, and whether a probe is in flight or polling is paused.

import React, {memo} from 'react';
import {Box} from 'ink';
import type {Observation} from '../monitor/monitor.js';
import {sanitizeLine} from '../text/sanitize.js';
import {formatAgo, formatInterval} from './format.js';
import {Line, type Segment} from './line.js';
import {displayWidth, fit, forTheme} from './text-fit.js';
import {STATUS_COLOUR, STATUS_WORD, useTheme, type Theme} from './theme.js';
import {useNowText} from './use-now.js';
import {outcomeWords} from '../../checks/token-service.js';

export interface HeaderProps {
	readonly checkId: string;
	readonly endpoint: string;
	readonly latest: Observation | null;
	readonly inFlight: boolean;
	readonly paused: boolean;
	readonly intervalMs: number;
	readonly width: number;
	readonly items?: readonly string[];
}

export function badgeSegment(latest: Observation | null, theme: Theme): Segment {
	if (latest === null) return theme.colour ? {text: ' ---- ', background: 'gray', colour: 'black'} : {text: '[----]'};
	const word = STATUS_WORD[latest.result.status];
	return theme.colour
		? {text: ` ${word} `, background: STATUS_COLOUR[latest.result.status], colour: 'black', bold: true}
		: {text: `[${word}]`};
}

function firstLine(props: HeaderProps, theme: Theme): Segment[] {
	const items = (props.items ?? []).map(item => forTheme(sanitizeLine(item, 60), theme)).join(theme.glyphs.separator);
	const left = `${props.checkId}  ${forTheme(sanitizeLine(props.endpoint), theme)}`;
	if (!items) return [{text: props.checkId, bold: true}, {text: left.slice(props.checkId.length)}];
	const room = Math.max(0, props.width - displayWidth(items) - 2);
	const cut = fit(left, room, theme.glyphs.ellipsis);
	const gap = Math.max(2, props.width - displayWidth(cut) - displayWidth(items));
	const id = cut.startsWith(props.checkId) ? props.checkId : '';
	return [{text: id, bold: true}, {text: cut.slice(id.length)}, {text: ' '.repeat(gap)}, {text: items, colour: 'cyan'}];
}

function secondLine(props: HeaderProps, ago: string, theme: Theme): Segment[] {
	const {latest} = props;
	const sep = {text: theme.glyphs.separator, dim: true};
	const segments: Segment[] = [badgeSegment(latest, theme), {text: ' '}];
	if (latest === null) {
		segments.push({text: 'waiting for the first probe'});
	} else {
		const {result} = latest;
		const time = result.evidence.ResponseTimeMs;
		segments.push(
			result.condition === 'unavailable'
				? {text: outcomeWords(time, false), colour: STATUS_COLOUR.fail, bold: true}
				: {text: `${time} ms`, colour: STATUS_COLOUR[result.status], bold: true},
			sep,
			{text: ago},
		);
	}
	segments.push(sep, {text: `every ${formatInterval(props.intervalMs)}`, dim: true});
	if (props.inFlight) segments.push(sep, {text: theme.glyphs.inFlight, colour: 'cyan'});
	if (props.paused) segments.push(sep, {text: theme.glyphs.paused, colour: 'yellow', bold: true});
	return segments;
}

export const Header = memo(function Header(props: HeaderProps): React.JSX.Element {
	const theme = useTheme();
	const receivedAt = props.latest?.receivedAt ?? null;
	const ago = useNowText(now => (receivedAt === null ? '' : formatAgo(Math.max(0, now - receivedAt))));
	return (
		<Box flexDirection="column" width={props.width} height={2}>
			<Line segments={firstLine(props, theme)} width={props.width} />
			<Line segments={secondLine(props, ago, theme)} width={props.width} />
		</Box>
	);
});
