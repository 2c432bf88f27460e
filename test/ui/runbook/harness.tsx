// The runbook part of the app, wired as the main App should wire it: one useInput routing
// keys to useRunbookKeys first, useRunner over a real StepRunner, the environment in state.
import React, {useState} from 'react';
import {Text, useInput} from 'ink';
import type {Runbook} from '../../../checks/runbook.js';
import {DEFAULT_PLACEHOLDERS, listRunbooks, runbookFor} from '../../../checks/runbooks.js';
import type {EnvironmentId, Placeholders} from '../../../checks/types.js';
import type {RunRecord, RunRequest, StepRunner} from '../../../source/remediation/step-runner.js';
import {RemediationSection} from '../../../source/ui/runbook/remediation-section.js';
import {useRunbookKeys} from '../../../source/ui/runbook/use-runbook-keys.js';
import {useRunner} from '../../../source/ui/runbook/use-runner.js';

export interface HarnessProps {
	readonly runner: StepRunner;
	readonly initialEnvironment: EnvironmentId;
	readonly readOnly?: boolean;
	readonly placeholders?: Placeholders;
	readonly extra?: readonly Runbook[];
	readonly height?: number;
	readonly width?: number;
	/** What the app wrote to the terminal outside Ink (OSC 52). */
	readonly terminal: string[];
	readonly started?: RunRequest[];
	readonly finished?: RunRecord[];
	readonly unhandled?: string[];
}

export function Harness(props: HarnessProps): React.JSX.Element {
	const [environment, setEnvironment] = useState(props.initialEnvironment);
	const runbook = runbookFor(environment, props.extra)!;
	const runner = useRunner(props.runner, {onFinished: record => props.finished?.push(record)});
	const keys = useRunbookKeys({
		runbook,
		placeholders: props.placeholders ?? DEFAULT_PLACEHOLDERS,
		environments: listRunbooks(props.extra).map(item => item.environment),
		readOnly: props.readOnly ?? false,
		running: runner.state.running,
		onRun: request => {
			props.started?.push(request);
			runner.start(request);
		},
		onCancel: runner.cancel,
		onSwitchEnvironment: setEnvironment,
		writeTerminal: data => props.terminal.push(data),
	});
	useInput((input, key) => {
		if (keys.handleKey(input, key)) return;
		props.unhandled?.push(input);
	});
	return (
		<>
			<Text>env={environment}</Text>
			<RemediationSection
				runbook={runbook}
				keys={keys}
				runner={runner}
				readOnly={props.readOnly ?? false}
				height={props.height ?? 16}
				width={props.width ?? 80}
			/>
		</>
	);
}
