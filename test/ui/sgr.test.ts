// A line's segments become one styled string: the codes must give each character the look its
// segment asks for, and leave the look as it was after the segment.

import {describe, expect, it} from 'vitest';
import {rowCells} from '../../source/ui/ink-render/row-cells.js';
import {lineText} from '../../source/ui/line.js';
import {isKnownColour, styledSegment} from '../../source/ui/sgr.js';
import {makeTheme, STATUS_COLOUR} from '../../source/ui/theme.js';

const styleOf = (text: string) => rowCells(text, 200)?.styles;

describe('styled segments', () => {
	it('gives colour, background, bold and dim, and resets after the segment', () => {
		expect(styleOf(styledSegment({text: 'ab', colour: 'black', background: 'green', bold: true}) + 'c')).toEqual(['1;30;42', '1;30;42', '']);
		expect(styleOf(styledSegment({text: 'x', colour: 'gray', dim: true}) + 'y')).toEqual(['2;90', '']);
		expect(styleOf(styledSegment({text: 'x', background: 'gray'}))).toEqual(['100']);
	});

	it('leaves a plain segment as its text', () => {
		expect(styledSegment({text: 'plain'})).toBe('plain');
	});

	it('knows every colour the screen draws with', () => {
		for (const colour of [...Object.values(STATUS_COLOUR), 'gray', 'cyan', 'black', 'yellow', 'red']) expect(isKnownColour(colour), colour).toBe(true);
		expect(isKnownColour('#ff0000')).toBe(false);
	});

	it('draws a line without any code when there is no colour', () => {
		const segments = [{text: 'a', colour: 'red', bold: true}, {text: 'b', background: 'yellow'}];
		expect(lineText(segments, makeTheme({colour: false, ascii: false}))).toBe('ab');
		expect(styleOf(lineText(segments, makeTheme({colour: true, ascii: false})))).toEqual(['1;31', '43']);
	});
});
