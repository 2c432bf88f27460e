import {describe, expect, it} from 'vitest';
import type {Key} from 'ink';
import {MAX_TYPED_RUN, typedKeys} from '../../source/ui/typed-keys.js';

const none = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
	return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
	super: false, hyper: false, capsLock: false, numLock: false,
} as unknown as Key;

describe('typedKeys', () => {
	it('passes a single key through as it is', () => {
		const enter = {...none, return: true};
		expect(typedKeys('\r', enter)).toEqual([['\r', enter]]);
		expect(typedKeys('j', none)).toEqual([['j', none]]);
	});

	it('splits a short run into its keys: "2" then Enter, "jj", a capital', () => {
		expect(typedKeys('2\r', none)).toEqual([
			['2', none],
			['', {...none, return: true}],
		]);
		expect(typedKeys('jj', none).map(([input]) => input)).toEqual(['j', 'j']);
		expect(typedKeys('aB', none)[1]).toEqual(['B', {...none, shift: true}]);
	});

	it('drops a run longer than typing makes (a paste)', () => {
		expect(typedKeys('x'.repeat(MAX_TYPED_RUN + 1), none)).toEqual([]);
		expect(typedKeys('3y3y3y', none)).toEqual([]);
	});

	it('leaves keys with modifiers alone', () => {
		const ctrl = {...none, ctrl: true};
		expect(typedKeys('ab', ctrl)).toEqual([['ab', ctrl]]);
	});
});
