import {describe, expect, it} from 'vitest';
import {COMPOSE_RUNBOOK, DEFAULT_PLACEHOLDERS, commandLineOf} from '../../../checks/runbooks.js';
import {
	INITIAL_RUNBOOK_KEY_STATE,
	clampOutputTop,
	reduceRunbookKey,
	type OutputView,
	type RunbookKeyContext,
	type RunbookKeyState,
} from '../../../source/ui/runbook/runbook-keys.js';

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

	describe('scrolling the output', () => {
		// 200 lines, 5 on screen: follow mode shows 195..199.
		const view: OutputView = {first: 0, end: 200, page: 5};
		const scroll = (state: RunbookKeyState, input: string, output: OutputView | undefined = view) =>
			reduceRunbookKey(state, input, {}, context({output}));

		it('pages older with [ and newer with ], back to following at the bottom', () => {
			const up = scroll(INITIAL_RUNBOOK_KEY_STATE, '[');
			expect(up).toMatchObject({handled: true, commands: [], state: {outputTop: 190}});
			const upTwice = scroll(up.state, '[');
			expect(upTwice.state.outputTop).toBe(185);
			expect(scroll(upTwice.state, ']').state.outputTop).toBe(190);
			// One page down from 190 is the bottom: follow the newest again.
			expect(scroll(up.state, ']').state.outputTop).toBeNull();
			expect(scroll(INITIAL_RUNBOOK_KEY_STATE, ']').state.outputTop).toBeNull();
		});

		it('jumps to the oldest with { and the newest with }', () => {
			const oldest = scroll(INITIAL_RUNBOOK_KEY_STATE, '{').state;
			expect(oldest.outputTop).toBe(0);
			expect(scroll(oldest, '[').state.outputTop).toBe(0);
			expect(scroll(oldest, '}').state.outputTop).toBeNull();
			// Lines dropped from the ring are gone: the oldest is the first kept.
			expect(scroll(INITIAL_RUNBOOK_KEY_STATE, '{', {first: 300, end: 500, page: 5}).state.outputTop).toBe(300);
		});

		it('keeps a scrolled view still while new lines arrive and clamps it to kept lines', () => {
			const top = scroll(INITIAL_RUNBOOK_KEY_STATE, '[').state.outputTop;
			expect(clampOutputTop(top, {first: 0, end: 400, page: 5})).toBe(190);
			expect(clampOutputTop(null, {first: 0, end: 400, page: 5})).toBe(395);
			// The ring dropped the lines shown: the view moves to the oldest kept.
			expect(clampOutputTop(top, {first: 250, end: 700, page: 5})).toBe(250);
			// Fewer lines than a page: everything, from the first.
			expect(clampOutputTop(null, {first: 0, end: 3, page: 5})).toBe(0);
		});

		it('does nothing when all output fits or no panel was drawn', () => {
			expect(scroll(INITIAL_RUNBOOK_KEY_STATE, '[', {first: 0, end: 4, page: 5}).state.outputTop).toBeNull();
			expect(reduceRunbookKey(INITIAL_RUNBOOK_KEY_STATE, '{', {}, context())).toMatchObject({handled: true, state: {outputTop: null}});
		});

		it('follows again when a new step starts, directly or after confirming', () => {
			const scrolled = scroll(INITIAL_RUNBOOK_KEY_STATE, '{').state;
			expect(reduceRunbookKey(scrolled, '1', {}, context({output: view}))).toMatchObject({
				commands: [{type: 'run', index: 0}],
				state: {outputTop: null},
			});
			const asked = reduceRunbookKey(scrolled, '3', {}, context({output: view})).state;
			expect(asked.outputTop).toBe(0);
			expect(reduceRunbookKey(asked, 'y', {}, context({output: view})).state.outputTop).toBeNull();
		});

		it('leaves the confirmation, Ctrl keys and pastes alone', () => {
			const asked = reduceRunbookKey(INITIAL_RUNBOOK_KEY_STATE, '3', {}, context({output: view})).state;
			// While asking, scroll keys are swallowed like any other key.
			expect(scroll(asked, '[')).toMatchObject({handled: true, state: asked});
			expect(reduceRunbookKey(asked, '', {escape: true}, context({output: view})).state.confirming).toBeNull();
			expect(reduceRunbookKey(INITIAL_RUNBOOK_KEY_STATE, '[', {ctrl: true}, context({output: view})).handled).toBe(false);
			// A paste arrives as one multi-character input: not a scroll key.
			expect(scroll(INITIAL_RUNBOOK_KEY_STATE, '[[]').handled).toBe(false);
		});
	});
});
