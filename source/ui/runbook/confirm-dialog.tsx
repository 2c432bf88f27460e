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
}

// Border and padding take two columns on each side.
const commandRows = (commandLine: string, width: number): string[] => wrapCommand(displayCommand(commandLine), width - 4);

/** Rows the dialog takes at this width (border included). */
export function confirmDialogHeight(commandLine: string, width: number): number {
	return 2 + 1 + commandRows(commandLine, width).length + 1;
}

export function ConfirmDialog({step, index, commandLine, width}: ConfirmDialogProps): React.JSX.Element {
	return (
		<Box flexDirection="column" width={width} borderStyle="round" borderColor="yellow" paddingX={1}>
			<Text wrap="truncate-end">
				<Text bold color="yellow">
					Run step {index + 1}?
				</Text>{' '}
				{step.label} — this changes state.
			</Text>
			{commandRows(commandLine, width).map((row, offset) => (
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
