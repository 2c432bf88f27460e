// Over a slow SSH link, keys typed in quick succession arrive in one read ("2" and Enter as
// "2\r", "jj"), and Ink hands such a run of plain characters to useInput as one string, which
// matches no binding: the keys were lost. A short run is split back into the keys it was
// made of. A longer run is a paste, not typing, and is dropped: pasted text must not become
// a string of commands (a "3" then "y" in it would confirm a restart).

import type {Key} from 'ink';

/** Runs up to this long are keys typed quickly; longer ones are pastes. */
export const MAX_TYPED_RUN = 4;

function plainKey(key: Key): Key {
	return Object.fromEntries(Object.entries(key).map(([name, value]) => [name, typeof value === 'boolean' ? false : value])) as unknown as Key;
}

/** The single keys in one input event from Ink. */
export function typedKeys(input: string, key: Key): Array<readonly [string, Key]> {
	const characters = Array.from(input);
	if (characters.length <= 1 || key.ctrl || key.meta) return [[input, key]];
	if (characters.length > MAX_TYPED_RUN) return [];
	const none = plainKey(key);
	const keys: Array<readonly [string, Key]> = [];
	for (const character of characters) {
		if (character === '\r' || character === '\n') keys.push(['', {...none, return: true}]);
		else if (character === '\t') keys.push(['', {...none, tab: true}]);
		else if (character === '\u0003') keys.push(['c', {...none, ctrl: true}]);
		else if (character === '\u007f' || character === '\b') keys.push(['', {...none, backspace: true}]);
		else if (character >= ' ') keys.push([character, {...none, shift: /[A-Z]/.test(character)}]);
		// Other control characters are no key of ours.
	}
	return keys;
}
