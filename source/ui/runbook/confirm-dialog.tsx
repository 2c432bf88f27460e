// The question before a state-changing step: the exact command line, in full, and No unless
// the operator presses y.

import React from 'react';
import {Box, Text} from 'ink';
import type {RunbookStep} from '../../../checks/runbook.js';
import {displayCommand} from './display-text.js';
import {wrapCommand} from './wrap-command.js';

export interface ConfirmDialogProps {
	readonly step: RunbookStep;
	/** Index in the runbook (shown 1-based). */
	readonly index: number;
	readonly commandLine: string;
	readonly width: number;
	/** Rows it may take; a command too long for them is cut with a note (default: as many as it needs). */
	readonly height?: number;
}

// Border and padding take two columns on each side.
const commandRows = (commandLine: string, width: number): string[] => wrapCommand(displayCommand(commandLine), width - 4);

// The border (two rows), the question and the y/n row.
const FRAME_ROWS = 4;

/** Rows the dialog takes at this width (border included) when the command is shown whole. */
export function confirmDialogHeight(commandLine: string, width: number): number {
	return FRAME_ROWS + commandRows(commandLine, width).length;
}

/** The command rows that fit in `height`, the last one saying how many more there are when cut. */
export function visibleCommandRows(rows: readonly string[], height: number): string[] {
	const room = Math.max(1, height - FRAME_ROWS);
	if (rows.length <= room) return [...rows];
	const hidden = rows.length - (room - 1);
	return [...rows.slice(0, room - 1), `… ${hidden} more row${hidden === 1 ? '' : 's'}: make the terminal taller to read it all`];
}

export function ConfirmDialog({step, index, commandLine, width, height}: ConfirmDialogProps): React.JSX.Element {
	const all = commandRows(commandLine, width);
	const rows = height === undefined ? all : visibleCommandRows(all, height);
	return (
		<Box flexDirection="column" width={width} borderStyle="round" borderColor="yellow" paddingX={1}>
			<Text wrap="truncate-end">
				<Text bold color="yellow">
					Run step {index + 1}?
				</Text>{' '}
				{step.label} — this changes state.
			</Text>
			{rows.map((row, offset) => (
				<Text key={offset} bold wrap="truncate-end">
					{row}
				</Text>
			))}
			<Text wrap="truncate-end">
				<Text bold>y</Text> run · <Text bold>n</Text>/Enter/Esc do not run <Text dimColor>(default: No)</Text>
			</Text>
		</Box>
	);
}
