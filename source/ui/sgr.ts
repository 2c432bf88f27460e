// Segments styled with SGR codes written out by us, so that a line is one Ink text node with
// one string instead of a Text component per segment: Ink re-renders, lays out and squashes
// every text node of the tree each frame, so fewer nodes is less work per frame. (Measured
// side by side with npm run bench's terminal section, the CPU difference was within the noise
// of this machine: 0.74–0.78 % against 0.75–0.92 %; it is kept for the smaller tree.)
// The codes are the ones Ink's chalk writes for the same props.

import type {Segment} from './line.js';

const FOREGROUND: Readonly<Record<string, number>> = {
	black: 30,
	red: 31,
	green: 32,
	yellow: 33,
	blue: 34,
	magenta: 35,
	cyan: 36,
	white: 37,
	gray: 90,
	grey: 90,
	blackBright: 90,
	redBright: 91,
	greenBright: 92,
	yellowBright: 93,
	blueBright: 94,
	magentaBright: 95,
	cyanBright: 96,
	whiteBright: 97,
};

/** Whether `colour` is a colour name this module writes (every colour the screen uses is). */
export function isKnownColour(colour: string): boolean {
	return FOREGROUND[colour] !== undefined;
}

/** One segment with its look; unknown colour names are drawn without colour. */
export function styledSegment(segment: Segment): string {
	let open = '';
	let close = '';
	const fg = segment.colour === undefined ? undefined : FOREGROUND[segment.colour];
	const bg = segment.background === undefined ? undefined : FOREGROUND[segment.background];
	// Nested as chalk nests them: the props Ink applies last are outermost.
	if (fg !== undefined) {
		open += `\u001B[${fg}m`;
		close = '\u001B[39m' + close;
	}
	if (bg !== undefined) {
		open = `\u001B[${bg + 10}m` + open;
		close += '\u001B[49m';
	}
	if (segment.bold) {
		open = '\u001B[1m' + open;
		close += '\u001B[22m';
	}
	if (segment.dim) {
		open = '\u001B[2m' + open;
		close += '\u001B[22m';
	}
	return open === '' ? segment.text : open + segment.text + close;
}
