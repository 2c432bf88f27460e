// The runbook panel above the output panel (or the confirmation while one is open), sharing
// the rows the app gives them. Pure layout: state and callbacks come from useRunbookKeys and
// useRunner.

import React from 'react';
import {Box} from 'ink';
import type {Runbook} from '../../../checks/runbook.js';
import {ConfirmDialog, confirmDialogHeight} from './confirm-dialog.js';
import {OutputPanel, outputViewOf} from './output-panel.js';
import {RunbookPanel, copiedRows} from './runbook-panel.js';
import type {RunbookKeys} from './use-runbook-keys.js';
import type {RunnerView} from './use-runner.js';

export interface RemediationSectionProps {
	readonly runbook: Runbook;
	readonly keys: RunbookKeys;
	readonly runner: Pick<RunnerView, 'state' | 'elapsedMs'>;
	readonly readOnly: boolean;
	/** Rows for the whole section; at least 8 is comfortable, 10 with a confirmation open. */
	readonly height: number;
	readonly width: number;
}

export function RemediationSection({runbook, keys, runner, readOnly, height, width}: RemediationSectionProps): React.JSX.Element {
	const {state} = runner;
	const runningStepId =
		state.running && state.current?.environment === runbook.environment ? state.current.stepId : null;
	const commandRows = keys.copied === null ? 1 : copiedRows(keys.copied, width).length;
	const wanted = runbook.steps.length + 2 + commandRows;
	// Before any step ran, the output panel is one line of "no step run yet"; once a step has
	// output, it gets up to half the rows — the runbook list scrolls to keep the selection —
	// because the output is what the operator is reading then.
	const outputWanted = state.current === null ? 2 : Math.max(2, Math.min(state.lines.length + 2, Math.ceil(height / 2)));
	const below = keys.confirming ? confirmDialogHeight(keys.confirming.commandLine, width) : outputWanted;
	// A confirmation that needs every row gets them: the question matters more than the list.
	const runbookHeight = keys.confirming && below >= height ? 0 : Math.max(1, Math.min(wanted, height - below));
	const outputHeight = Math.max(1, height - runbookHeight);
	// The scroll keys page by what is on screen: tell the key handler (a number, no I/O).
	if (!keys.confirming) keys.reportOutputView(outputViewOf(state, outputHeight));
	const panel = (
		<RunbookPanel
			runbook={runbook}
			commandLines={keys.commandLines}
			selected={keys.selected}
			readOnly={readOnly}
			runningStepId={runningStepId}
			notice={keys.notice}
			copied={keys.copied}
			height={runbookHeight}
			width={width}
		/>
	);
	// Children never shrink: should they ever need more rows than planned, the app's box clips
	// the bottom instead of the layout engine drawing rows over each other.
	return (
		<Box flexDirection="column" width={width}>
			{runbookHeight > 0 ? <Box flexShrink={0}>{panel}</Box> : null}
			{keys.confirming ? (
				<Box flexShrink={0}>
					<ConfirmDialog
						step={keys.confirming.step}
						index={keys.confirming.index}
						commandLine={keys.confirming.commandLine}
						width={width}
						height={outputHeight}
					/>
				</Box>
			) : (
				<Box flexShrink={0}>
					<OutputPanel state={state} elapsedMs={runner.elapsedMs} height={outputHeight} width={width} top={keys.outputTop} />
				</Box>
			)}
		</Box>
	);
}
