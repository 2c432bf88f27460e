// string-width with a memory, for the bundle. Ink measures the same lines on every frame
// (widest-line in its renderer, cli-truncate, its Output) and string-width walks each one
// with Unicode regular expressions: at one frame a second that was a third of the
// monitor's CPU (`npm run bench`). scripts/build.mjs points Ink's imports of string-width
// here; the answer is a pure function of the text, so a remembered one is the same answer.

import stringWidth from 'string-width';
import {BoundedMemo} from './bounded-memo.js';
import {singleCellWidth} from './single-cell.js';

type Options = Parameters<typeof stringWidth>[1];

// Two generations of 512: the texts of the last frame or two (see output.ts on sizes).
const widths = new BoundedMemo<number>(512);

function measure(text: string): number {
	return singleCellWidth(text) ?? stringWidth(text);
}

export default function memoStringWidth(text: string, options?: Options): number {
	if (options !== undefined || typeof text !== 'string') return stringWidth(text, options);
	return widths.get(text, measure);
}
