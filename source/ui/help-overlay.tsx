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
	readonly width: number;
	readonly height: number;
}

export function causesFor(status: Status | null): {heading: string; causes: readonly string[]} {
	if (status === 'warn') return {heading: 'Likely causes (WARN: answering, but slow)', causes: tokenServiceCheck.causes.slow};
	if (status === 'fail') return {heading: 'Likely causes (FAIL: not answering, or critically slow)', causes: tokenServiceCheck.causes.failing};
	if (status === 'pass') return {heading: 'Likely causes (PASS: healthy, nothing to diagnose)', causes: []};
	return {heading: 'Likely causes (no probe yet)', causes: []};
}

export const HelpOverlay = memo(function HelpOverlay({status, hints, width, height}: HelpOverlayProps): React.JSX.Element {
	const theme = useTheme();
	const inner = Math.max(1, width - 2);
	const lines: Segment[][] = [];
	const text = (value: string) => forTheme(value, theme);
	const heading = (value: string, colour?: string) => lines.push([{text: text(value), bold: true, colour}]);
	const body = (value: string, indent = '  ') => {
		for (const row of wrap(text(value), inner - indent.length + 2)) lines.push([{text: indent + row}]);
	};

	const keys: Segment[] = [{text: '  '}];
	hints.forEach((hint, i) => {
		if (i > 0) keys.push({text: theme.glyphs.separator, dim: true});
		keys.push({text: text(hint.keys), bold: true, colour: 'cyan'}, {text: ` ${text(hint.label)}`});
	});
	heading('Keys');
	lines.push(keys);
	heading('Why it matters');
	body(tokenServiceCheck.whyItMatters);
	const {heading: causesHeading, causes} = causesFor(status);
	heading(causesHeading, status === null ? undefined : STATUS_COLOUR[status]);
	for (const cause of causes) body(cause, `  ${theme.ascii ? '-' : '•'} `);
	heading('Related checks');
	for (const related of tokenServiceCheck.related) body(`${related.id}: ${related.why}`);

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
