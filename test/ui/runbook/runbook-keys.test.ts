import {describe, expect, it} from 'vitest';
import {COMPOSE_RUNBOOK, DEFAULT_PLACEHOLDERS, commandLineOf} from '../../../checks/runbooks.js';
import {INITIAL_RUNBOOK_KEY_STATE, reduceRunbookKey, type RunbookKeyContext} from '../../../source/ui/runbook/runbook-keys.js';

const context = (overrides: Partial<RunbookKeyContext> = {}): RunbookKeyContext => ({
	steps: COMPOSE_RUNBOOK.steps,
	commandLines: COMPOSE_RUNBOOK.steps.map(step => commandLineOf(step, DEFAULT_PLACEHOLDERS)),
	readOnly: false,
	running: false,
	...overrides,
});

describe('reduceRunbookKey', () => {
	it('moves the selection within bounds', () => {
		let state = INITIAL_RUNBOOK_KEY_STATE;
		state = reduceRunbookKey(state, 'k', {}, context()).state;
		expect(state.selected).toBe(0);
		for (let i = 0; i < 10; i++) state = reduceRunbookKey(state, '', {downArrow: true}, context()).state;
		expect(state.selected).toBe(4);
	});

	it('runs a read-only step at once and asks before a state-changing one', () => {
		expect(reduceRunbookKey(INITIAL_RUNBOOK_KEY_STATE, '1', {}, context()).commands).toEqual([{type: 'run', index: 0}]);
		const asked = reduceRunbookKey(INITIAL_RUNBOOK_KEY_STATE, '3', {}, context());
		expect(asked.commands).toEqual([]);
		expect(asked.state.confirming).toBe(2);
		// Only y runs; anything else but n/Enter/Esc is swallowed while asking.
		expect(reduceRunbookKey(asked.state, 'q', {}, context())).toMatchObject({handled: true, commands: [], state: asked.state});
		expect(reduceRunbookKey(asked.state, '', {return: true}, context()).state).toMatchObject({confirming: null, notice: 'Not run: 3 Restart Authority service'});
		expect(reduceRunbookKey(asked.state, 'y', {}, context()).commands).toEqual([{type: 'run', index: 2}]);
		// Ctrl+C still reaches the app.
		expect(reduceRunbookKey(asked.state, 'c', {ctrl: true}, context()).handled).toBe(false);
	});

	it('locks state-changing steps in read-only mode and refuses a second step', () => {
		const locked = reduceRunbookKey(INITIAL_RUNBOOK_KEY_STATE, '3', {}, context({readOnly: true}));
		expect(locked).toMatchObject({commands: [], state: {confirming: null, notice: 'Locked in read-only mode: 3 Restart Authority service'}});
		const busy = reduceRunbookKey(INITIAL_RUNBOOK_KEY_STATE, '1', {}, context({running: true}));
		expect(busy).toMatchObject({commands: [], state: {notice: 'A step is running: x cancels it'}});
		expect(reduceRunbookKey(INITIAL_RUNBOOK_KEY_STATE, 'x', {}, context({running: true})).commands).toEqual([{type: 'cancel'}]);
		expect(reduceRunbookKey(INITIAL_RUNBOOK_KEY_STATE, '9', {}, context()).state.notice).toBe('No step 9 in this runbook');
	});

	it('leaves the app its own keys', () => {
		for (const input of ['q', '?', 'p', '0']) expect(reduceRunbookKey(INITIAL_RUNBOOK_KEY_STATE, input, {}, context()).handled).toBe(false);
	});
});
