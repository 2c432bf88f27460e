// The running (or last) step's output as it streams, then how it ended. Lines arrive
// sanitized from the runner; the panel shows the tail that fits its height.

import React from 'react';
import {Box, Text} from 'ink';
import type {RunnerState} from '../../remediation/step-runner.js';
import {displayCommand} from './display-text.js';
import {describeOutcome, formatDuration} from './run-outcome.js';

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
	const showCommand = rows >= 3;
	const lineRows = Math.max(0, rows - 1 - (showCommand ? 1 : 0));
	const hidden = state.droppedLines + Math.max(0, state.lines.length - lineRows);
	const showHidden = hidden > 0 && lineRows >= 2;
	const tail = lineRows === 0 ? [] : state.lines.slice(-(lineRows - (showHidden ? 1 : 0)));

	return (
		<Box flexDirection="column" width={width} height={Math.min(rows, 1 + (showCommand ? 1 : 0) + (showHidden ? 1 : 0) + tail.length)}>
			<Text wrap="truncate-end">
				<Text bold>Output · {current.label}</Text>
				{state.running ? (
					<Text color="cyan">
						{' '}
						· ● running {formatDuration(elapsedMs ?? 0)} · x cancel
					</Text>
				) : outcome ? (
					<Text color={TONE_COLOR[outcome.tone]}> · {outcome.text}</Text>
				) : null}
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
