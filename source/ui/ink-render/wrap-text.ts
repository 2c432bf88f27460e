// A drop-in for Ink 6.8's wrap-text.js, which scripts/build.mjs puts in the bundle in its
// place. Ink's remembers every wrapped or truncated text in an object that is never emptied
// (see measure-text.ts for what that costs a monitor that runs for days); this one remembers
// the last frame or two. The wrapping itself is Ink's: the same wrap-ansi and cli-truncate calls.

import cliTruncate from 'cli-truncate';
import wrapAnsi from 'wrap-ansi';
import {BoundedMemo} from './bounded-memo.js';

type WrapType = 'wrap' | 'end' | 'middle' | 'truncate-end' | 'truncate' | 'truncate-middle' | 'truncate-start';

const wrapped = new BoundedMemo<string>(128);

function wrap(text: string, maxWidth: number, wrapType: string): string {
	if (wrapType === 'wrap') return wrapAnsi(text, maxWidth, {trim: false, hard: true});
	if (wrapType.startsWith('truncate')) {
		const position = wrapType === 'truncate-middle' ? 'middle' : wrapType === 'truncate-start' ? 'start' : 'end';
		return cliTruncate(text, maxWidth, {position});
	}
	return text;
}

export default function wrapText(text: string, maxWidth: number, wrapType: WrapType | string): string {
	// The key Ink uses, with a separator it lacks ("a" at 12 and "a1" at 2 were one key there).
	return wrapped.get(`${maxWidth}\u0000${wrapType}\u0000${text}`, () => wrap(text, maxWidth, wrapType));
}

/** How many texts are remembered (for the test that it stays bounded). */
export function rememberedWraps(): number {
	return wrapped.size;
}
