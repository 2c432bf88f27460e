// The question before a state-changing step: the exact command line, in full, and No unless
// the operator presses y.

import React from 'react';
import {Box, Text} from 'ink';
import type {RunbookStep} from '../../../checks/runbook.js';
import {displayCommand} from './display-text.js';
import {wrapRows} from './runbook-panel.js';

export interface ConfirmDialogProps {
	readonly step: RunbookStep;
	/** Index in the runbook (shown 1-based). */
	readonly index: number;
	readonly commandLine: string;
	readonly width: number;
}

/** Rows the dialog takes at this width (border included). */
export function confirmDialogHeight(commandLine: string, width: number): number {
	return 2 + 1 + wrapRows(displayCommand(commandLine), Math.max(1, width - 4)).length + 1;
}

export function ConfirmDialog({step, index, commandLine, width}: ConfirmDialogProps): React.JSX.Element {
	const rows = wrapRows(displayCommand(commandLine), Math.max(1, width - 4));
	return (
		<Box flexDirection="column" width={width} borderStyle="round" borderColor="yellow" paddingX={1}>
			<Text wrap="truncate-end">
				<Text bold color="yellow">Run step {index + 1}?</Text> {step.label} — this changes state.
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
