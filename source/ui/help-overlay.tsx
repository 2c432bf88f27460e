// "?": the keys, why the check matters, what usually causes the current state (the slow-service
// causes for WARN, the failing-service ones for FAIL), and the checks to look at next.

import React, {memo} from 'react';
import {Box} from 'ink';
import {tokenServiceCheck} from '../../checks/token-service.js';
import type {Status} from '../../checks/types.js';
import type {KeyHint} from './extensions.js';
import {Line, titleSegments, type Segment} from './line.js';
import {forTheme, wrap} from './text-fit.js';
import {STATUS_COLOUR, STATUS_WORD, useTheme} from './theme.js';

export interface HelpOverlayProps {
	readonly status: Status | null;
	readonly hints: readonly KeyHint[];
	/** The last probe's error, shown whole here: the panels have to cut it. */
	readonly error?: string | null;
	readonly width: number;
	readonly height: number;
}

export function causesFor(status: Status | null): {heading: string; causes: readonly string[]} {
	if (status === 'warn') return {heading: 'Likely causes (WARN: answering, but slow)', causes: tokenServiceCheck.causes.slow};
	if (status === 'fail') return {heading: 'Likely causes (FAIL: not answering, or critically slow)', causes: tokenServiceCheck.causes.failing};
	if (status === 'pass') return {heading: 'Likely causes (PASS: healthy, nothing to diagnose)', causes: []};
	return {heading: 'Likely causes (no probe yet)', causes: []};
}

export const HelpOverlay = memo(function HelpOverlay({status, hints, error = null, width, height}: HelpOverlayProps): React.JSX.Element {
	const theme = useTheme();
	const text = (value: string) => forTheme(value, theme);
	const heading = (value: string, colour?: string): Segment[] => [{text: text(value), bold: true, colour}];
	const body = (value: string, first = '  '): Segment[][] => {
		const rest = ' '.repeat(first.length);
		return wrap(text(value), Math.max(1, width - first.length)).map((row, i) => [{text: (i === 0 ? first : rest) + row}]);
	};

	// Every key must be findable here, so the key map wraps instead of being cut.
	const keys: Segment[][] = [[{text: '  '}]];
	let used = 2;
	for (const hint of hints) {
		const label = ` ${text(hint.label)}`;
		const size = text(hint.keys).length + label.length;
		const row = keys[keys.length - 1]!;
		if (row.length > 1 && used + theme.glyphs.separator.length + size > width) {
			keys.push([{text: '  '}]);
			used = 2;
		} else if (row.length > 1) {
			row.push({text: theme.glyphs.separator, dim: true});
			used += theme.glyphs.separator.length;
		}
		keys[keys.length - 1]!.push({text: text(hint.keys), bold: true, colour: 'cyan'}, {text: label});
		used += size;
	}
	const errorLines = error === null ? [] : [heading('Last error'), ...body(error)];
	const {heading: causesHeading, causes} = causesFor(status);
	const causeLines = causes.flatMap(cause => body(cause, `  ${theme.ascii ? '-' : '•'} `));
	const relatedText = tokenServiceCheck.related.map(related => `${related.id}: ${related.why}`);
	let why = body(tokenServiceCheck.whyItMatters);
	let related = relatedText.flatMap(line => body(line));
	// When rows are short the causes for the current level come first: related checks get
	// one line each, then "why it matters" gives up lines.
	const room = Math.max(0, height - 1);
	const fixed = 1 + keys.length + 1 + errorLines.length + 1 + causeLines.length + 1;
	if (fixed + why.length + related.length > room) related = relatedText.map(line => [{text: `  ${text(line)}`}]);
	const whyRoom = Math.max(1, room - fixed - related.length);
	if (why.length > whyRoom) {
		why = why.slice(0, whyRoom);
		const last = why[whyRoom - 1]![0]!;
		why[whyRoom - 1] = [{text: `${last.text.slice(0, Math.max(0, width - theme.glyphs.ellipsis.length))}${theme.glyphs.ellipsis}`}];
	}
	const lines: Segment[][] = [
		heading('Keys'),
		...keys,
		...errorLines,
		heading('Why it matters'),
		...why,
		heading(causesHeading, status === null ? undefined : STATUS_COLOUR[status]),
		...causeLines,
		heading('Related checks'),
		...related,
	];

	const title = titleSegments(`Help${status === null ? '' : ` (${STATUS_WORD[status]})`}`, width, theme, [{text: '? or Esc closes'}]);
	const visible = lines.slice(0, Math.max(0, height - 1));
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Line segments={title} width={width} />
			{visible.map((segments, i) => (
				<Line key={i} segments={segments} width={width} />
			))}
		</Box>
	);
});
