// The running (or last) step's output as it streams, then how it ended. Lines arrive
// sanitized from the runner; the panel shows the tail that fits its height, or the page the
// operator scrolled to ([ ] { }), with a row saying which lines those are.

import React from 'react';
import {Box, Text} from 'ink';
import type {RunnerState} from '../../remediation/step-runner.js';
import {displayCommand} from './display-text.js';
import {RUNBOOK_KEYS, clampOutputTop, type OutputView} from './runbook-keys.js';
import {describeOutcome, formatDuration} from './run-outcome.js';
import {fitWithSuffix} from './wrap-command.js';
// Text from outside (commands, step output) is cut by display width here: Ink's own cut keeps a
// wide character that straddles the edge and ends up a cell too wide.
import {fit} from '../text-fit.js';

export interface OutputPanelProps {
	readonly state: RunnerState;
	readonly elapsedMs: number | null;
	readonly height: number;
	readonly width: number;
	/** First line to show (numbered as in OutputView), or null/absent to follow the newest. */
	readonly top?: number | null;
}

interface Layout {
	readonly showCommand: boolean;
	/** The "lines a–b of N" row. */
	readonly showPosition: boolean;
	readonly view: OutputView;
}

function layoutOf(state: RunnerState, height: number): Layout {
	const rows = Math.max(1, height);
	// The command line gives way to output first when the panel is short.
	const showCommand = rows >= 6;
	const lineRows = Math.max(0, rows - 1 - (showCommand ? 1 : 0));
	const overflow = state.droppedLines > 0 || state.lines.length > lineRows;
	const showPosition = overflow && lineRows >= 2;
	const first = state.droppedLines;
	return {showCommand, showPosition, view: {first, end: first + state.lines.length, page: lineRows - (showPosition ? 1 : 0)}};
}

/** What the key reducer needs to scroll a panel of this height: the lines and one page. */
export function outputViewOf(state: RunnerState, height: number): OutputView {
	return layoutOf(state, height).view;
}

function positionText(start: number, count: number, view: OutputView): string {
	const parts = [`lines ${start + 1}–${start + count} of ${view.end}`];
	if (view.first > 0) parts.push(`${view.first} oldest dropped`);
	if (start > view.first) parts.push(`${RUNBOOK_KEYS.older} older`);
	if (start + count < view.end) parts.push(`${RUNBOOK_KEYS.newer} newer`);
	return parts.join(' · ');
}

const TONE_COLOR = {ok: 'green', bad: 'red', warn: 'yellow'} as const;
const STREAM_COLOR = {stdout: undefined, stderr: 'yellow', info: 'magenta'} as const;

export function OutputPanel({state, elapsedMs, height, width, top = null}: OutputPanelProps): React.JSX.Element {
	const rows = Math.max(1, height);
	const {current, result} = state;
	if (!current) {
		return (
			<Box width={width} height={1}>
				<Text dimColor wrap="truncate-end">
					Output · no step run yet
				</Text>
			</Box>
		);
	}
	const outcome = !state.running && result ? describeOutcome(result) : null;
	const status = state.running ? `● running ${formatDuration(elapsedMs ?? 0)} · x cancel` : (outcome?.text ?? '');
	const suffix = ` · ${status}`;
	const {showCommand, showPosition, view} = layoutOf(state, height);
	const start = clampOutputTop(top, view);
	const shown = view.page > 0 ? state.lines.slice(start - view.first, start - view.first + view.page) : [];

	return (
		<Box flexDirection="column" width={width} height={Math.min(rows, 1 + (showCommand ? 1 : 0) + (showPosition ? 1 : 0) + shown.length)}>
			<Text wrap="truncate-end">
				<Text bold>{fitWithSuffix(`Output · ${current.label}`, suffix, width).slice(0, -suffix.length)}</Text>
				<Text color={state.running ? 'cyan' : outcome ? TONE_COLOR[outcome.tone] : undefined}>{suffix}</Text>
			</Text>
			{showCommand ? (
				<Text dimColor wrap="truncate-end">
					{fit(`$ ${displayCommand(current.commandLine)}`, width)}
				</Text>
			) : null}
			{showPosition ? (
				<Text dimColor wrap="truncate-end">
					{positionText(start, shown.length, view)}
				</Text>
			) : null}
			{shown.map((line, index) => (
				<Text key={index} wrap="truncate-end" color={STREAM_COLOR[line.stream]}>
					{line.text === '' ? ' ' : fit(line.text, width)}
				</Text>
			))}
		</Box>
	);
}
