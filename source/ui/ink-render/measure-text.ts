// A drop-in for Ink 6.8's measure-text.js, which scripts/build.mjs puts in the bundle in its
// place. Ink's keeps the size of every text it ever laid out in a Map that is never emptied:
// on a monitor whose figures, ages and chart rows are new text every second, that is the
// whole history of the screen (measured at 10 frames a second: live heap +1.2 kB a frame,
// without end; an hour at 1 s was 101.7 MB of RSS and rising). The same answers, remembered
// for the last frame or two only.

import stringWidth from 'string-width';
import {BoundedMemo} from './bounded-memo.js';

export interface TextSize {
	readonly width: number;
	readonly height: number;
}

// Two generations of 256: more than the text nodes of a full screen.
const sizes = new BoundedMemo<TextSize>(256);

const EMPTY: TextSize = Object.freeze({width: 0, height: 0});

/** What Ink's does: the widest line's display width, and the number of lines. */
function measure(text: string): TextSize {
	let width = 0;
	let height = 0;
	for (const line of text.split('\n')) {
		width = Math.max(width, stringWidth(line));
		height++;
	}
	return {width, height};
}

export default function measureText(text: string): TextSize {
	if (text.length === 0) return EMPTY;
	return sizes.get(text, measure);
}

/** How many texts are remembered (for the test that it stays bounded). */
export function rememberedSizes(): number {
	return sizes.size;
}
