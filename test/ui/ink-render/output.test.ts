// The bundle's Output must draw exactly what Ink's own Output draws, frame after frame,
// including when it answers from what it remembers of earlier frames.

import {describe, expect, it} from 'vitest';
import InkOutput from '../../../node_modules/ink/build/output.js';
import MemoOutput from '../../../source/ui/ink-render/output.js';

type Transformer = (line: string, index: number) => string;
type Op =
	| {kind: 'write'; x: number; y: number; text: string; transformers: Transformer[]}
	| {kind: 'clip'; clip: {x1?: number; x2?: number; y1?: number; y2?: number}}
	| {kind: 'unclip'};

interface Drawable {
	write(x: number, y: number, text: string, options: {transformers: Transformer[]}): void;
	clip(clip: {x1?: number; x2?: number; y1?: number; y2?: number}): void;
	unclip(): void;
	get(): {output: string; height: number};
}

function draw(OutputClass: new (size: {width: number; height: number}) => Drawable, width: number, height: number, ops: readonly Op[]) {
	const output = new OutputClass({width, height});
	for (const op of ops) {
		if (op.kind === 'write') output.write(op.x, op.y, op.text, {transformers: op.transformers});
		else if (op.kind === 'clip') output.clip(op.clip);
		else output.unclip();
	}
	return output.get();
}

const green = (text: string) => `\u001B[32m${text}\u001B[39m`;
const boldRed = (text: string) => `\u001B[1m\u001B[31m${text}\u001B[39m\u001B[22m`;
const upper: Transformer = line => line.toUpperCase();
const numbered: Transformer = (line, index) => `${index}:${line}`;

/** A small deterministic generator, so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state * 1_664_525 + 1_013_904_223) >>> 0;
		return state / 2 ** 32;
	};
}

const onBlue = (text: string) => `\u001B[44m\u001B[1;37m${text}\u001B[0m`;
const PIECES = [onBlue(' WARN '), '\u001B[2m··· …\u001B[22m', '⠿⠶ ↑crit', 'PASS', 'ok', '── rule ──', '╭─╮', '日本語', '👍 ok', 'é', '   ', 'x'.repeat(30), green('green'), boldRed('FAIL'), `${green('a')}b${boldRed('c')}`];

function randomFrame(next: () => number, width: number, height: number): Op[] {
	const ops: Op[] = [];
	const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
	const count = 1 + Math.floor(next() * 12);
	let open = 0;
	for (let i = 0; i < count; i++) {
		const roll = next();
		if (roll < 0.15) {
			ops.push({kind: 'clip', clip: next() < 0.5 ? {x1: 2, x2: width - 3, y1: 1, y2: height - 1} : {y1: 0, y2: Math.floor(height / 2)}});
			open++;
		} else if (roll < 0.22 && open > 0) {
			ops.push({kind: 'unclip'});
			open--;
		} else {
			const lines = Array.from({length: 1 + Math.floor(next() * 3)}, () => pick(PIECES) + pick(PIECES));
			const transformers = next() < 0.2 ? [pick([upper, numbered, green as Transformer])] : [];
			ops.push({kind: 'write', x: Math.floor(next() * (width + 4)) - 2, y: Math.floor(next() * (height + 2)) - 1, text: lines.join('\n'), transformers});
		}
	}
	return ops;
}

describe('the bundled Output', () => {
	it('draws a fixed screen like Ink, again and again', () => {
		const ops: Op[] = [
			{kind: 'write', x: 0, y: 0, text: `${boldRed(' FAIL ')} token endpoint`, transformers: []},
			{kind: 'clip', clip: {x1: 0, x2: 20, y1: 1, y2: 3}},
			{kind: 'write', x: 0, y: 1, text: `${'a'.repeat(40)}\nsecond line\nthird line is clipped`, transformers: [upper]},
			{kind: 'unclip'},
			{kind: 'write', x: 5, y: 4, text: '日本語 and 👍', transformers: []},
		];
		const expected = draw(InkOutput, 30, 6, ops);
		expect(expected.output).toContain('FAIL');
		for (let frame = 0; frame < 3; frame++) expect(draw(MemoOutput, 30, 6, ops)).toEqual(expected);
	});

	it('draws 800 random frames like Ink, in the same order, remembered rows included', () => {
		for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
			const next = random(seed);
			// Frames repeat with small changes, as on a live screen, so rows are remembered and reused.
			let ops = randomFrame(next, 40, 8);
			for (let frame = 0; frame < 100; frame++) {
				if (next() < 0.5) ops = randomFrame(next, 40, 8);
				const width = next() < 0.1 ? 25 : 40;
				expect(draw(MemoOutput, width, 8, ops), `seed ${seed} frame ${frame}`).toEqual(draw(InkOutput, width, 8, ops));
			}
		}
	});

	it('leaves rows nobody wrote empty and keeps the height Ink was given', () => {
		const result = draw(MemoOutput, 10, 3, [{kind: 'write', x: 0, y: 1, text: 'mid', transformers: []}]);
		expect(result).toEqual({output: '\nmid\n', height: 3});
	});
});
