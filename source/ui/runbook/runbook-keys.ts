// What each key does in the runbook panel, as a pure function of the state and the key: the
// hook turns the returned commands into effects. Keeping it pure means the safety rules
// (state-changing steps ask first, default No, locked when read-only, one step at a time)
// are tested without a terminal.

import type {RunbookStep} from '../../../checks/runbook.js';

export interface RunbookKeyState {
	/** Index of the highlighted step. */
	readonly selected: number;
	/** Index of the state-changing step awaiting y/n, or null. */
	readonly confirming: number | null;
	/** One line of feedback (locked, not run, busy …), cleared by the next key. */
	readonly notice: string | null;
	/** The command line last copied, shown in full for terminals that ignore OSC 52. */
	readonly copied: string | null;
	/**
	 * First output line shown, numbered from the step's first line ever (dropped ones count),
	 * or null to follow the newest. Absolute, so new lines do not move a scrolled-up view.
	 */
	readonly outputTop: number | null;
}

/** Said when a key would start a step while one runs; it stops being true when the step ends. */
export const RUNNING_NOTICE = 'A step is running: x cancels it';

/** The state once the running step has ended: a notice that it was running is out of date. */
export function afterStepEnded(state: RunbookKeyState): RunbookKeyState {
	return state.notice === RUNNING_NOTICE ? {...state, notice: null} : state;
}

export const INITIAL_RUNBOOK_KEY_STATE: RunbookKeyState = Object.freeze({
	selected: 0,
	confirming: null,
	notice: null,
	copied: null,
	outputTop: null,
});

/** The output panel as last drawn: which lines exist and how many fit. */
export interface OutputView {
	/** Number of the oldest line kept (= lines dropped from the ring). */
	readonly first: number;
	/** One past the newest line. */
	readonly end: number;
	/** Output lines the panel shows at once: one page. */
	readonly page: number;
}

/** The parts of Ink's Key this reducer reads. */
export interface KeyPress {
	readonly upArrow?: boolean;
	readonly downArrow?: boolean;
	readonly return?: boolean;
	readonly escape?: boolean;
	readonly ctrl?: boolean;
	readonly meta?: boolean;
}

export interface RunbookKeyContext {
	readonly steps: readonly RunbookStep[];
	/** Filled command lines, one per step. */
	readonly commandLines: readonly string[];
	readonly readOnly: boolean;
	/** A step runs now (only one at a time). */
	readonly running: boolean;
	/** The output panel's lines and page size; without it the scroll keys do nothing. */
	readonly output?: OutputView;
}

export type RunbookCommand =
	| {readonly type: 'run'; readonly index: number}
	| {readonly type: 'cancel'}
	| {readonly type: 'copy'; readonly text: string}
	| {readonly type: 'switch-environment'};

export interface KeyOutcome {
	readonly state: RunbookKeyState;
	readonly commands: readonly RunbookCommand[];
	/** False when the key is not the runbook's (q, Ctrl+C, …): the app handles it. */
	readonly handled: boolean;
}

export const RUNBOOK_KEYS = {
	up: ['↑', 'k'],
	down: ['↓', 'j'],
	run: ['Enter', '1-9'],
	confirm: 'y',
	decline: ['n', 'Enter', 'Esc'],
	cancel: 'x',
	copy: 'c',
	switchEnvironment: 'e',
	older: '[',
	newer: ']',
	oldest: '{',
	newest: '}',
} as const;

/** The first line shown for a given top (null = follow), kept within the lines that exist. */
export function clampOutputTop(top: number | null, view: OutputView): number {
	const bottom = Math.max(view.first, view.end - Math.max(1, view.page));
	return top === null ? bottom : Math.min(Math.max(top, view.first), bottom);
}

/** Scrolls by whole pages; reaching the newest line switches back to following. */
function scrollOutput(state: RunbookKeyState, input: string, view: OutputView | undefined): RunbookKeyState {
	if (!view) return state;
	const page = Math.max(1, view.page);
	const bottom = Math.max(view.first, view.end - page);
	const current = clampOutputTop(state.outputTop, view);
	let next: number;
	if (input === RUNBOOK_KEYS.older) next = current - page;
	else if (input === RUNBOOK_KEYS.newer) next = current + page;
	else if (input === RUNBOOK_KEYS.oldest) next = view.first;
	else next = bottom;
	next = Math.min(Math.max(next, view.first), bottom);
	return {...state, outputTop: next >= bottom ? null : next};
}

const unhandled = (state: RunbookKeyState): KeyOutcome => ({state, commands: [], handled: false});

function activate(state: RunbookKeyState, index: number, context: RunbookKeyContext): KeyOutcome {
	const step = context.steps[index];
	const selected = {...state, selected: index};
	if (!step) return {state: selected, commands: [], handled: true};
	const name = `${index + 1} ${step.label}`;
	if (step.changesState && context.readOnly) {
		return {state: {...selected, notice: `Locked in read-only mode: ${name}`}, commands: [], handled: true};
	}
	if (context.running) {
		return {state: {...selected, notice: RUNNING_NOTICE}, commands: [], handled: true};
	}
	if (step.changesState) return {state: {...selected, confirming: index}, commands: [], handled: true};
	// A new step's output starts at its newest line.
	return {state: {...selected, outputTop: null}, commands: [{type: 'run', index}], handled: true};
}

function confirmKey(state: RunbookKeyState, input: string, key: KeyPress, context: RunbookKeyContext): KeyOutcome {
	const index = state.confirming as number;
	if (key.ctrl) return unhandled(state);
	if (input === 'y' || input === 'Y') {
		const closed = {...state, confirming: null};
		// The situation may have changed while the question was open.
		if (context.running) return {state: {...closed, notice: RUNNING_NOTICE}, commands: [], handled: true};
		return {state: {...closed, outputTop: null}, commands: [{type: 'run', index}], handled: true};
	}
	if (input === 'n' || input === 'N' || key.return || key.escape) {
		const step = context.steps[index];
		return {
			state: {...state, confirming: null, notice: `Not run: ${index + 1} ${step?.label ?? ''}`.trimEnd()},
			commands: [],
			handled: true,
		};
	}
	// Anything else is swallowed: the question stays until answered.
	return {state, commands: [], handled: true};
}

export function reduceRunbookKey(
	state: RunbookKeyState,
	input: string,
	key: KeyPress,
	context: RunbookKeyContext,
): KeyOutcome {
	if (state.confirming !== null) return confirmKey(state, input, key, context);
	if (key.ctrl || (key.meta && !key.escape)) return unhandled(state);

	const count = context.steps.length;
	const base: RunbookKeyState = {...state, notice: null, copied: null};

	if (key.upArrow || input === 'k') {
		return {state: {...base, selected: Math.max(0, state.selected - 1)}, commands: [], handled: true};
	}
	if (key.downArrow || input === 'j') {
		return {state: {...base, selected: Math.min(Math.max(0, count - 1), state.selected + 1)}, commands: [], handled: true};
	}
	if (key.return) return activate(base, state.selected, context);
	if (/^[1-9]$/.test(input)) {
		const index = Number(input) - 1;
		if (index >= count) return {state: {...base, notice: `No step ${input} in this runbook`}, commands: [], handled: true};
		return activate(base, index, context);
	}
	if (input === 'x') {
		if (!context.running) return {state: {...base, notice: 'Nothing is running'}, commands: [], handled: true};
		return {state: base, commands: [{type: 'cancel'}], handled: true};
	}
	if (input === 'c') {
		const text = context.commandLines[state.selected];
		if (text === undefined) return {state: base, commands: [], handled: true};
		return {state: {...base, copied: text}, commands: [{type: 'copy', text}], handled: true};
	}
	if (input === '[' || input === ']' || input === '{' || input === '}') {
		return {state: scrollOutput(base, input, context.output), commands: [], handled: true};
	}
	if (input === 'e') {
		return {state: INITIAL_RUNBOOK_KEY_STATE, commands: [{type: 'switch-environment'}], handled: true};
	}
	return unhandled(state);
}
