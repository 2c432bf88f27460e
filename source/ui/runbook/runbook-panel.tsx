// The selected environment's steps, numbered. State-changing steps are marked; in read-only
// mode they stay listed but locked, so the operator sees what exists and why it will not run.

import React from 'react';
import {Box, Text} from 'ink';
import type {Runbook} from '../../../checks/runbook.js';
import {displayCommand} from './display-text.js';

export interface RunbookPanelProps {
	readonly runbook: Runbook;
	readonly commandLines: readonly string[];
	readonly selected: number;
	readonly readOnly: boolean;
	/** Id of the step running now in this environment, if any. */
	readonly runningStepId: string | null;
	readonly notice: string | null;
	/** The command line just copied, shown in full. */
	readonly copied: string | null;
	/** Rows available; the panel never draws more. */
	readonly height: number;
	readonly width: number;
}

/** `text` cut into rows of `width` characters, for a command line shown in full. */
export function wrapRows(text: string, width: number): string[] {
	const chars = Array.from(text);
	const size = Math.max(1, width);
	const rows: string[] = [];
	for (let i = 0; i < chars.length; i += size) rows.push(chars.slice(i, i + size).join(''));
	return rows.length > 0 ? rows : [''];
}

export function RunbookPanel(props: RunbookPanelProps): React.JSX.Element {
	const {runbook, commandLines, selected, readOnly, runningStepId, notice, copied, height, width} = props;
	const steps = runbook.steps;
	const rows = Math.max(1, height);
	const showHint = rows >= 3;
	const showCommand = rows >= 4;
	// What was copied is shown whole (the operator may select it by hand), but always leaves
	// room for at least one step.
	const commandRows = !showCommand
		? []
		: copied !== null
			? wrapRows(`copied: ${displayCommand(copied)}`, width).slice(0, Math.max(1, rows - 3))
			: [`$ ${displayCommand(commandLines[selected] ?? '')}`];
	const stepRows = Math.max(1, rows - 1 - (showHint ? 1 : 0) - commandRows.length);
	const first = Math.min(Math.max(0, selected - Math.floor(stepRows / 2)), Math.max(0, steps.length - stepRows));
	const visible = steps.slice(first, first + stepRows);
	const lastDigit = Math.min(9, steps.length);

	return (
		<Box flexDirection="column" width={width} height={Math.min(rows, 1 + visible.length + commandRows.length + (showHint ? 1 : 0))}>
			<Text wrap="truncate-end">
				<Text bold>Runbook · {runbook.title}</Text>
				{readOnly ? <Text color="yellow"> · read-only</Text> : null}
				<Text dimColor> · e: switch environment</Text>
			</Text>
			{visible.map((step, offset) => {
				const index = first + offset;
				const isSelected = index === selected;
				const locked = readOnly && step.changesState;
				return (
					<Text key={step.id} wrap="truncate-end" inverse={isSelected}>
						{isSelected ? '›' : ' '} {index + 1} <Text dimColor={locked}>{step.label}</Text>
						{locked ? <Text color="gray"> [locked]</Text> : step.changesState ? <Text color="yellow"> [changes state]</Text> : null}
						{step.longRunning ? <Text dimColor> [until cancelled]</Text> : null}
						{runningStepId === step.id ? <Text color="cyan"> ● running</Text> : null}
					</Text>
				);
			})}
			{commandRows.map((row, index) => (
				<Text key={`command-${index}`} wrap="truncate-end" dimColor={copied === null} color={copied === null ? undefined : 'cyan'}>
					{row}
				</Text>
			))}
			{showHint ? (
				notice !== null ? (
					<Text wrap="truncate-end" color="yellow">
						{notice}
					</Text>
				) : (
					<Text wrap="truncate-end" dimColor>
						↑↓/jk select · Enter/1-{lastDigit} run · c copy · x cancel · e env
					</Text>
				)
			) : null}
		</Box>
	);
}
