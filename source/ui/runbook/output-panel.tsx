// The running (or last) step's output as it streams, then how it ended. Lines arrive
// sanitized from the runner; the panel shows the tail that fits its height.

import React from 'react';
import {Box, Text} from 'ink';
import type {RunnerState} from '../../remediation/step-runner.js';
import {displayCommand} from './display-text.js';
import {describeOutcome, formatDuration} from './run-outcome.js';
import {fitWithSuffix} from './wrap-command.js';

export interface OutputPanelProps {
	readonly state: RunnerState;
	readonly elapsedMs: number | null;
	readonly height: number;
	readonly width: number;
}

const TONE_COLOR = {ok: 'green', bad: 'red', warn: 'yellow'} as const;
const STREAM_COLOR = {stdout: undefined, stderr: 'yellow', info: 'magenta'} as const;

export function OutputPanel({state, elapsedMs, height, width}: OutputPanelProps): React.JSX.Element {
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
	// The command line gives way to output first when the panel is short.
	const showCommand = rows >= 6;
	const lineRows = Math.max(0, rows - 1 - (showCommand ? 1 : 0));
	const overflow = state.droppedLines > 0 || state.lines.length > lineRows;
	const showHidden = overflow && lineRows >= 2;
	const tailCount = lineRows - (showHidden ? 1 : 0);
	const tail = tailCount > 0 ? state.lines.slice(-tailCount) : [];
	const hidden = state.droppedLines + state.lines.length - tail.length;

	return (
		<Box flexDirection="column" width={width} height={Math.min(rows, 1 + (showCommand ? 1 : 0) + (showHidden ? 1 : 0) + tail.length)}>
			<Text wrap="truncate-end">
				<Text bold>{fitWithSuffix(`Output · ${current.label}`, suffix, width).slice(0, -suffix.length)}</Text>
				<Text color={state.running ? 'cyan' : outcome ? TONE_COLOR[outcome.tone] : undefined}>{suffix}</Text>
			</Text>
			{showCommand ? (
				<Text dimColor wrap="truncate-end">
					$ {displayCommand(current.commandLine)}
				</Text>
			) : null}
			{showHidden ? (
				<Text dimColor wrap="truncate-end">
					… {hidden} earlier line{hidden === 1 ? '' : 's'} not shown
				</Text>
			) : null}
			{tail.map((line, index) => (
				<Text key={index} wrap="truncate-end" color={STREAM_COLOR[line.stream]}>
					{line.text === '' ? ' ' : line.text}
				</Text>
			))}
		</Box>
	);
}
