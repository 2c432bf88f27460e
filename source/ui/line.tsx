// One screen line made of styled segments, cut to the width before Ink sees it: Ink never
// wraps a line of ours (a wrapped line would make the live region taller than planned).

import React, {memo} from 'react';
import {Text} from 'ink';
import {displayWidth, fit} from './text-fit.js';
import {styledSegment} from './sgr.js';
import {useTheme, type Theme} from './theme.js';

export interface Segment {
	readonly text: string;
	readonly colour?: string;
	readonly background?: string;
	readonly bold?: boolean;
	readonly dim?: boolean;
}

/** Cuts segments to `width` cells in total, ending with the ellipsis when anything was cut. */
export function fitSegments(segments: readonly Segment[], width: number, ellipsis: string): Segment[] {
	const total = segments.reduce((sum, segment) => sum + displayWidth(segment.text), 0);
	if (total <= width) return [...segments];
	const out: Segment[] = [];
	let room = Math.max(0, width - displayWidth(ellipsis));
	for (const segment of segments) {
		if (room <= 0) break;
		const w = displayWidth(segment.text);
		if (w <= room) {
			out.push(segment);
			room -= w;
		} else {
			out.push({...segment, text: fit(segment.text, room, '')});
			room = 0;
		}
	}
	out.push({text: ellipsis.slice(0, width)});
	return out;
}

export function plainText(segments: readonly Segment[]): string {
	return segments.map(segment => segment.text).join('');
}

/** The line as Ink will draw it: one string, styled with SGR codes when there is colour. */
export function lineText(segments: readonly Segment[], theme: Theme): string {
	let text = '';
	for (const segment of segments) text += theme.colour ? styledSegment(segment) : segment.text;
	return text;
}

export interface LineProps {
	readonly segments: readonly Segment[];
	readonly width: number;
}

export const Line = memo(function Line({segments, width}: LineProps): React.JSX.Element {
	const theme = useTheme();
	const fitted = fitSegments(segments, width, theme.glyphs.ellipsis);
	// One text node per line (see sgr.ts); segments are cut to the width above, so Ink never wraps.
	return <Text wrap="truncate-end">{fitted.length === 0 ? ' ' : lineText(fitted, theme)}</Text>;
}, sameLine);

function sameLine(a: LineProps, b: LineProps): boolean {
	if (a.width !== b.width || a.segments.length !== b.segments.length) return false;
	return a.segments.every((segment, i) => {
		const other = b.segments[i] as Segment;
		return (
			segment.text === other.text &&
			segment.colour === other.colour &&
			segment.background === other.background &&
			segment.bold === other.bold &&
			segment.dim === other.dim
		);
	});
}

/** "── Title ─────────── right ──" */
export function titleSegments(title: string, width: number, theme: Theme, right: readonly Segment[] = []): Segment[] {
	const rule = theme.glyphs.rule;
	const rightWidth = right.reduce((sum, segment) => sum + displayWidth(segment.text), 0);
	// The right-hand part goes first when the line is short.
	if (right.length > 0 && displayWidth(title) + rightWidth + 11 > width) right = [];
	const tail = right.length > 0 ? 2 + rightWidth + 3 : 0;
	const head = `${rule}${rule} ${fit(title, Math.max(1, width - tail - 6), theme.glyphs.ellipsis)} `;
	const fill = Math.max(2, width - displayWidth(head) - tail);
	const segments: Segment[] = [{text: head, bold: true}, {text: rule.repeat(fill), dim: true}];
	if (right.length > 0) segments.push({text: ' '}, ...right, {text: ` ${rule}${rule}`, dim: true});
	return segments;
}
