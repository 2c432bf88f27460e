// The selected environment's steps, numbered. State-changing steps are marked; in read-only
// mode they stay listed but locked, so the operator sees what exists and why it will not run.

import React from 'react';
import {Box, Text} from 'ink';
import type {Runbook, RunbookStep} from '../../../checks/runbook.js';
import {truncate} from '../../text/sanitize.js';
import {displayCommand} from './display-text.js';
import {wrapCommand} from './wrap-command.js';
// Text from outside (commands, step output) is cut by display width here: Ink's own cut keeps a
// wide character that straddles the edge and ends up a cell too wide.
import {fit} from '../text-fit.js';

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

export const COPIED_PREFIX = 'copied: ';

/** Rows the copied command takes at this width. */
export function copiedRows(copied: string, width: number): string[] {
	return wrapCommand(displayCommand(copied), width, COPIED_PREFIX);
}

function tagsOf(step: RunbookStep, locked: boolean, running: boolean): Array<{text: string; color: string}> {
	const tags: Array<{text: string; color: string}> = [];
	if (locked) tags.push({text: ' [locked]', color: 'gray'});
	else if (step.changesState) tags.push({text: ' [changes state]', color: 'yellow'});
	if (step.longRunning) tags.push({text: ' [until cancelled]', color: 'gray'});
	if (running) tags.push({text: ' ● running', color: 'cyan'});
	return tags;
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
			? copiedRows(copied, width).slice(0, Math.max(1, rows - 3))
			: [truncate(`$ ${displayCommand(commandLines[selected] ?? '')}`, width)];
	const stepRows = Math.max(1, rows - 1 - (showHint ? 1 : 0) - commandRows.length);
	const first = Math.min(Math.max(0, selected - Math.floor(stepRows / 2)), Math.max(0, steps.length - stepRows));
	const visible = steps.slice(first, first + stepRows);
	const lastDigit = Math.min(9, steps.length);
	const hint = `↑↓/jk select · Enter/1-${lastDigit} run · c copy · x cancel · e env`;
	// The scroll keys are listed in the help overlay; here only when the line has room.
	const scrollHint = ' · [ ] scroll output';
	const fullHint = Array.from(hint + scrollHint).length <= width ? hint + scrollHint : hint;

	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate-end">
				<Text bold>Runbook · {runbook.title}</Text>
				{readOnly ? <Text color="yellow"> · read-only</Text> : null}
				<Text dimColor> · e: switch environment</Text>
			</Text>
			{visible.map((step, offset) => {
				const index = first + offset;
				const isSelected = index === selected;
				const locked = readOnly && step.changesState;
				const tags = tagsOf(step, locked, runningStepId === step.id);
				const head = `${isSelected ? '›' : ' '} ${index + 1} `;
				// The tags say what a step does; the label gives way first when space is short.
				const room = width - head.length - tags.reduce((sum, tag) => sum + Array.from(tag.text).length, 0);
				return (
					<Text key={step.id} wrap="truncate-end">
						<Text inverse={isSelected}>
							{head}
							<Text dimColor={locked}>{truncate(step.label, Math.max(1, room))}</Text>
						</Text>
						{tags.map(tag => (
							<Text key={tag.text} color={tag.color}>
								{tag.text}
							</Text>
						))}
					</Text>
				);
			})}
			{commandRows.map((row, index) => (
				<Text key={`command-${index}`} wrap="truncate-end" dimColor={copied === null} color={copied === null ? undefined : 'cyan'}>
					{fit(row, width)}
				</Text>
			))}
			{showHint ? (
				notice !== null ? (
					<Text wrap="truncate-end" color="yellow">
						{notice}
					</Text>
				) : (
					<Text wrap="truncate-end" dimColor>
						{fullHint}
					</Text>
				)
			) : null}
		</Box>
	);
}
