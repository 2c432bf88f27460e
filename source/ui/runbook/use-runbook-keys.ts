// Binds the pure key reducer to React state and turns its commands into the callbacks the
// app hands in (run, cancel, switch environment, write to the terminal). It does not listen
// to stdin itself: the app's one useInput routes keys here first (see handleKey).

import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import type {Runbook, RunbookStep} from '../../../checks/runbook.js';
import {commandLineOf, fillStep} from '../../../checks/runbook.js';
import type {EnvironmentId, Placeholders} from '../../../checks/types.js';
import {encodeOsc52, type Osc52Options} from '../../remediation/osc52.js';
import type {RunRequest} from '../../remediation/step-runner.js';
import {
	afterStepEnded,
	INITIAL_RUNBOOK_KEY_STATE,
	reduceRunbookKey,
	type KeyPress,
	type OutputView,
	type RunbookKeyState,
} from './runbook-keys.js';

export interface UseRunbookKeysOptions {
	readonly runbook: Runbook;
	readonly placeholders: Placeholders;
	/** Switching order for the e key (e.g. listRunbooks(extra).map(r => r.environment)). */
	readonly environments: readonly EnvironmentId[];
	readonly readOnly: boolean;
	/** Whether the runner is busy (useRunner().state.running). */
	readonly running: boolean;
	readonly onRun: (request: RunRequest) => void;
	readonly onCancel: () => void;
	readonly onSwitchEnvironment: (environment: EnvironmentId) => void;
	/** Raw terminal output for the OSC 52 sequence, e.g. useStdout().stdout.write. */
	readonly writeTerminal: (data: string) => void;
	readonly osc52?: Osc52Options;
}

export interface PendingConfirmation {
	readonly index: number;
	readonly step: RunbookStep;
	readonly commandLine: string;
}

export interface RunbookKeys {
	readonly selected: number;
	readonly confirming: PendingConfirmation | null;
	readonly notice: string | null;
	readonly copied: string | null;
	/** The runbook's filled command lines, one per step. */
	readonly commandLines: readonly string[];
	/** First output line shown (see RunbookKeyState.outputTop); null follows the newest. */
	readonly outputTop: number | null;
	/**
	 * The output panel's lines and page size as drawn, for the scroll keys. Called by
	 * RemediationSection while rendering; only stored, it triggers no render.
	 */
	readonly reportOutputView: (view: OutputView) => void;
	/** Feed every key here first; true when the runbook used it. */
	readonly handleKey: (input: string, key: KeyPress) => boolean;
}

export function useRunbookKeys(options: UseRunbookKeysOptions): RunbookKeys {
	const {runbook, placeholders} = options;
	const [state, setState] = useState<RunbookKeyState>(INITIAL_RUNBOOK_KEY_STATE);
	// Keys can arrive faster than renders (a paste, key repeat): reduce against the latest
	// state, not the one of the last render.
	const stateRef = useRef(state);
	const optionsRef = useRef(options);
	optionsRef.current = options;

	const commandLines = useMemo(
		() => runbook.steps.map(step => commandLineOf(step, placeholders)),
		[runbook, placeholders],
	);
	const outputViewRef = useRef<OutputView | undefined>(undefined);
	const reportOutputView = useCallback((view: OutputView) => {
		outputViewRef.current = view;
	}, []);
	const commandLinesRef = useRef(commandLines);
	commandLinesRef.current = commandLines;

	// A different runbook (environment switched by key, flag or the app) starts fresh.
	useEffect(() => {
		stateRef.current = INITIAL_RUNBOOK_KEY_STATE;
		setState(INITIAL_RUNBOOK_KEY_STATE);
	}, [runbook]);

	// "A step is running" stops being true when it ends, not at the next key.
	useEffect(() => {
		if (options.running) return;
		const next = afterStepEnded(stateRef.current);
		if (next !== stateRef.current) {
			stateRef.current = next;
			setState(next);
		}
	}, [options.running]);

	const handleKey = useCallback((input: string, key: KeyPress): boolean => {
		const current = optionsRef.current;
		const outcome = reduceRunbookKey(stateRef.current, input, key, {
			steps: current.runbook.steps,
			commandLines: commandLinesRef.current,
			readOnly: current.readOnly,
			running: current.running,
			output: outputViewRef.current,
		});
		if (outcome.state !== stateRef.current) {
			stateRef.current = outcome.state;
			setState(outcome.state);
		}
		for (const command of outcome.commands) {
			if (command.type === 'run') {
				const step = current.runbook.steps[command.index];
				if (step) {
					current.onRun({environment: current.runbook.environment, step, command: fillStep(step, current.placeholders)});
				}
			} else if (command.type === 'cancel') {
				current.onCancel();
			} else if (command.type === 'copy') {
				current.writeTerminal(encodeOsc52(command.text, current.osc52));
			} else {
				const list = current.environments;
				const next = list[(list.indexOf(current.runbook.environment) + 1) % list.length];
				if (next !== undefined && next !== current.runbook.environment) current.onSwitchEnvironment(next);
			}
		}
		return outcome.handled;
	}, []);

	const confirmingStep = state.confirming === null ? undefined : runbook.steps[state.confirming];
	return {
		selected: Math.min(state.selected, Math.max(0, runbook.steps.length - 1)),
		confirming:
			state.confirming !== null && confirmingStep
				? {index: state.confirming, step: confirmingStep, commandLine: commandLines[state.confirming] ?? ''}
				: null,
		notice: state.notice,
		copied: state.copied,
		outputTop: state.outputTop,
		reportOutputView,
		commandLines,
		handleKey,
	};
}
