// The product's own extensions of the monitor: the runbook and its output (all modes), and
// the fault keys of the demo. Built once at the composition root from plain modules (the
// StepRunner, the demo Authority's fault actions) and handed to the App as a hook.

import React, {useCallback, useEffect, useRef, useState} from 'react';
import {useStdout} from 'ink';
import type {Runbook} from '../../checks/runbook.js';
import {listRunbooks, runbookFor} from '../../checks/runbooks.js';
import type {EnvironmentId, Placeholders} from '../../checks/types.js';
import type {FaultAction} from '../demo/fault-actions.js';
import type {StepRunner} from '../remediation/step-runner.js';
import {describeOutcome} from './runbook/run-outcome.js';
import {RemediationSection} from './runbook/remediation-section.js';
import {useRunbookKeys} from './runbook/use-runbook-keys.js';
import {useRunner} from './runbook/use-runner.js';
import type {ExtensionContext, KeyHint, UseExtensions} from './extensions.js';

export interface DemoFaults {
	/** Acts on the demo Authority; resolves when the fault is in place. */
	readonly apply: (action: FaultAction) => Promise<void>;
}

export interface ProductExtensionOptions {
	readonly runner: StepRunner;
	readonly placeholders: Placeholders;
	readonly initialEnvironment: EnvironmentId;
	/** Detection still under way: its answer replaces the initial one unless the operator switched first. */
	readonly detectedEnvironment?: Promise<EnvironmentId>;
	readonly extraRunbooks?: readonly Runbook[];
	readonly readOnly: boolean;
	readonly demoFaults?: DemoFaults;
}

// Short labels: the key bar is one line at 80 columns, and the runbook panel already shows
// its own keys, so only the demo's fault keys are added to it.
const FAULT_KEYS: Readonly<Record<string, {action: FaultAction; label: string}>> = {
	w: {action: 'latency', label: 'slow'},
	f: {action: 'heavy-latency', label: 'very slow'},
	d: {action: 'stop', label: 'stop'},
	'0': {action: 'clear', label: 'clear'},
};

const NO_HINTS: readonly KeyHint[] = [];

const RUNBOOK_HINTS: readonly KeyHint[] = [
	{keys: '↑↓ j k', label: 'select step'},
	{keys: 'Enter, 1-9', label: 'run step (state-changing steps ask first)'},
	{keys: 'x', label: 'cancel the running step'},
	{keys: 'c', label: 'copy the command (OSC 52)'},
	{keys: 'e', label: 'switch environment'},
	{keys: '[ ] { }', label: 'scroll step output (older, newer, oldest, newest)'},
];

const FAULT_NOTES: Readonly<Record<FaultAction, string>> = {
	latency: 'added latency (expect WARN)',
	'heavy-latency': 'added heavy latency (expect FAIL)',
	stop: 'stopped the Authority (expect FAIL, refused)',
	clear: 'cleared faults (expect PASS)',
};

const DEMO_HINTS: readonly KeyHint[] = Object.entries(FAULT_KEYS).map(([keys, {label}]) => ({keys, label}));

export function createProductExtensions(options: ProductExtensionOptions): UseExtensions {
	const extra = options.extraRunbooks ?? [];
	const environments = listRunbooks(extra).map(runbook => runbook.environment);

	return function useProductExtensions(context: ExtensionContext) {
		const {stdout} = useStdout();
		const [environment, setEnvironment] = useState<EnvironmentId>(options.initialEnvironment);
		const switched = useRef(false);
		useEffect(() => {
			let live = true;
			options.detectedEnvironment?.then(
				found => {
					if (live && !switched.current) setEnvironment(found);
				},
				() => {},
			);
			return () => {
				live = false;
			};
		}, []);
		const runbook = runbookFor(environment, extra) ?? listRunbooks(extra)[0]!;

		const runner = useRunner(options.runner, {
			onFinished: record => {
				context.note(`ran "${record.label}" (${record.environment}): ${describeOutcome(record).text}`);
				// Show the step's effect on the chart without waiting for the next interval.
				context.probeNow();
			},
		});
		const keys = useRunbookKeys({
			runbook,
			placeholders: options.placeholders,
			environments,
			readOnly: options.readOnly,
			running: runner.state.running,
			onRun: request => {
				runner.start(request);
			},
			onCancel: runner.cancel,
			onSwitchEnvironment: next => {
				switched.current = true;
				setEnvironment(next);
				context.note(`runbook environment: ${next}`);
			},
			writeTerminal: data => stdout.write(data),
		});

		// The fault keys change the Authority's state like a restart does: in read-only mode they
		// are not bound at all (nor shown), as k9s does with its dangerous actions.
		const demoFaults = options.readOnly ? undefined : options.demoFaults;
		const handleKey = useCallback<NonNullable<ReturnType<UseExtensions>['handleKey']>>(
			(input, key) => {
				if (keys.handleKey(input, key)) return true;
				const fault = demoFaults && !keys.confirming ? FAULT_KEYS[input] : undefined;
				if (!fault || !demoFaults) return false;
				context.note(`demo fault: ${FAULT_NOTES[fault.action]}`);
				demoFaults.apply(fault.action).then(
					() => context.probeNow(),
					(error: unknown) => context.note(`demo fault failed: ${error instanceof Error ? error.message : String(error)}`),
				);
				return true;
			},
			[keys, demoFaults, context],
		);

		return {
			panels: [
				{
					id: 'remediation',
					minRows: 8,
					maxRows: Math.max(8, runbook.steps.length + 8),
					render: area => (
						<RemediationSection
							runbook={runbook}
							keys={keys}
							runner={runner}
							readOnly={options.readOnly}
							height={area.height}
							width={area.width}
						/>
					),
				},
			],
			keyHints: demoFaults ? DEMO_HINTS : NO_HINTS,
			helpHints: RUNBOOK_HINTS,
			handleKey,
			// The app adds "read-only" to the header itself (its readOnly prop): saying it here too doubled it.
			headerItems: [`env ${environment}`],
		};
	};
}
