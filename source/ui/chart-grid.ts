// The response-time chart as a grid of cells, drawn with asciichart and composed in layers:
// the threshold lines, then each unbroken run of answered probes, then the failures. Pure:
// points in, cells out; the Chart component only colours them.
//
// One column per probe, newest at the right edge. A probe that got no answer is not a number
// and is never drawn as one: its column has no line (the line is not bridged across it), a
// dotted band, and a failure mark on the bottom row. asciichart draws one series across all
// its columns and throws on NaN, so each run of answered probes is plotted on its own and
// placed at its columns.
//
// The scale is logarithmic. Response times are ratios at heart (40 vs 120 ms is "three times
// slower", as is 500 vs 1500), and a log scale keeps a 40 ms vs 120 ms difference two or
// more rows apart on an 80×24 screen while the warning line (500 ms) stays in view — a linear
// scale that reaches 500 puts 40 and 120 on the same row or adjacent ones. The scale always
// spans the warning line. The critical line (2000 ms) is drawn only once some probe on the
// chart is slower than the warning threshold: while every probe is far below it, drawing it
// would spend a quarter of the rows on empty space and squash the differences an operator
// is looking at. Instead the top row is labelled "↑crit 2000": the critical line is above
// the chart, and it comes into view (with the scale growing to it) the moment a probe is slow.

import {plot} from 'asciichart';
import type {Status, Thresholds} from '../../checks/types.js';
import type {ChartPoint} from '../monitor/monitor.js';
import type {Glyphs} from './theme.js';

export type CellKind = 'label' | 'warn-label' | 'crit-label' | 'axis' | 'warn-line' | 'crit-line' | 'data' | 'failure' | 'blank';

export interface ChartCell {
	readonly char: string;
	readonly kind: CellKind;
	/** For data cells: the verdict of the probe in this column. */
	readonly status?: Status;
}

export interface ChartGridOptions {
	/** Columns for the whole chart, axis labels included. */
	readonly width: number;
	/** Rows of the plot. */
	readonly height: number;
	readonly thresholds: Thresholds;
	readonly glyphs: Glyphs;
}

export interface ChartGrid {
	readonly rows: readonly (readonly ChartCell[])[];
	readonly labelWidth: number;
	/** Probe columns (the width without labels and axis). */
	readonly plotWidth: number;
	/** Probes drawn (the newest that fit). */
	readonly shown: number;
	readonly failures: number;
	/** The value range of the scale, ms. */
	readonly lowMs: number;
	readonly highMs: number;
	readonly criticalInView: boolean;
}

// Scale bounds move in quarter decades, so one new probe rarely rescales (and redraws)
// the whole chart.
const STEP = 0.25;

/** Width of the axis labels for these thresholds. */
export function labelWidthFor(thresholds: Thresholds): number {
	return Math.max(`warn ${thresholds.warningMs}`.length, `^crit ${thresholds.criticalMs}`.length, 5);
}

/** How many probes fit in a chart this wide. */
export function plotWidthFor(width: number, thresholds: Thresholds): number {
	return Math.max(0, width - labelWidthFor(thresholds) - 1);
}

function scaleFor(values: readonly number[], thresholds: Thresholds): {low: number; high: number} {
	const {warningMs: warn, criticalMs: crit} = thresholds;
	if (values.length === 0) return {low: warn / 8, high: warn * 1.5};
	const min = Math.min(...values);
	const max = Math.max(...values);
	let low = Math.min(min / 1.5, warn / 2);
	let high = Math.max(max * 1.2, warn * 1.5);
	if (max > warn) high = Math.max(high, crit * 1.25);
	low = 10 ** (Math.floor(Math.log10(low) / STEP) * STEP);
	high = 10 ** (Math.ceil(Math.log10(high) / STEP) * STEP);
	return {low, high};
}

function formatTick(ms: number): string {
	if (ms < 10) return ms.toFixed(1);
	if (ms < 10_000) return String(Math.round(ms));
	return `${Math.round(ms / 1000)}k`;
}

const blank: ChartCell = {char: ' ', kind: 'blank'};

export function buildChartGrid(points: readonly ChartPoint[], options: ChartGridOptions): ChartGrid {
	const {thresholds, glyphs} = options;
	const height = Math.max(2, options.height);
	const labelWidth = labelWidthFor(thresholds);
	const plotWidth = plotWidthFor(options.width, thresholds);
	const shownPoints = points.slice(Math.max(0, points.length - plotWidth));
	const first = plotWidth - shownPoints.length; // right-aligned: the newest probe is at the right edge

	// A log scale has no zero: sub-millisecond answers are drawn at 1 ms.
	const answered = shownPoints.flatMap(point => (point.ms === null ? [] : [Math.max(1, point.ms)]));
	const {low, high} = scaleFor(answered, thresholds);
	const logLow = Math.log10(low);
	const span = Math.log10(high) - logLow;
	const top = height - 1;
	const toUnits = (ms: number) => Math.min(top, Math.max(0, ((Math.log10(Math.max(1, ms)) - logLow) / span) * top));
	const rowOf = (ms: number) => top - Math.round(toUnits(ms)); // 0 = top row

	const criticalInView = high >= thresholds.criticalMs;
	const warnRow = rowOf(thresholds.warningMs);
	let critRow = criticalInView ? rowOf(thresholds.criticalMs) : -1;
	if (critRow === warnRow) critRow = Math.max(0, warnRow - 1);

	const labels = Array.from({length: height}, (_, row) => {
		if (row === warnRow) return {text: `warn ${thresholds.warningMs}`, kind: 'warn-label' as const};
		if (row === critRow) return {text: `crit ${thresholds.criticalMs}`, kind: 'crit-label' as const};
		if (row === 0 && !criticalInView) return {text: `${glyphs.up}crit ${thresholds.criticalMs}`, kind: 'crit-label' as const};
		return {text: formatTick(10 ** (logLow + ((top - row) / top) * span)), kind: 'label' as const};
	});
	// The labels are written by us after plotting; asciichart's own are blanks of the same width.
	const config = {min: 0, max: top, height: top, offset: 2, format: () => ' '.repeat(labelWidth)};

	const rows: ChartCell[][] = Array.from({length: height}, (_, row) => {
		const label = labels[row] as {text: string; kind: CellKind};
		const text = label.text.padStart(labelWidth);
		return [...Array.from(text, char => ({char, kind: char === ' ' ? 'blank' : label.kind}) as ChartCell), {char: glyphs.dataSymbols[1], kind: 'axis'}];
	});
	const cellsOf = (series: number[][], symbols: Glyphs['dataSymbols']): string[][] =>
		plot(series, {...config, symbols: [...symbols]})
			.split('\n')
			.map(line => Array.from(line).slice(labelWidth + 1));

	// Layer 1: the threshold lines across the whole width.
	const lines = [{row: warnRow, kind: 'warn-line' as const}, ...(critRow >= 0 ? [{row: critRow, kind: 'crit-line' as const}] : [])];
	const plotted = plotWidth > 0 ? cellsOf(lines.map(line => new Array<number>(plotWidth + 1).fill(top - line.row)), glyphs.thresholdSymbols) : [];
	for (let row = 0; row < height; row++) {
		const kind = lines.find(line => line.row === row)?.kind;
		for (let column = 0; column < plotWidth; column++) {
			const char = plotted[row]?.[column] ?? ' ';
			rows[row]?.push(char === ' ' || kind === undefined ? blank : {char, kind});
		}
	}
	// The axis crosses each threshold line.
	rows[warnRow]![labelWidth] = {char: glyphs.thresholdSymbols[0], kind: 'warn-line'};
	if (critRow >= 0) rows[critRow]![labelWidth] = {char: glyphs.thresholdSymbols[0], kind: 'crit-line'};

	// Layer 2: each unbroken run of answered probes. The run's last value is repeated so its
	// last probe gets a column of its own (asciichart draws n − 1 columns for n values).
	const offset = labelWidth + 1 + first;
	let index = 0;
	while (index < shownPoints.length) {
		if (shownPoints[index]?.ms === null) {
			index++;
			continue;
		}
		const start = index;
		while (index < shownPoints.length && shownPoints[index]?.ms !== null) index++;
		const run = shownPoints.slice(start, index);
		const values = run.map(point => toUnits(point.ms as number));
		values.push(values[values.length - 1] as number);
		const cells = cellsOf([values], glyphs.dataSymbols);
		for (let row = 0; row < height; row++) {
			run.forEach((point, j) => {
				const char = cells[row]?.[j];
				if (char !== undefined && char !== ' ') rows[row]![offset + start + j] = {char, kind: 'data', status: point.status};
			});
		}
	}

	// Layer 3: failures, at their own columns; threshold lines stay visible across them.
	let failures = 0;
	shownPoints.forEach((point, j) => {
		if (point.ms !== null) return;
		failures++;
		for (let row = 0; row < height; row++) {
			const cell = rows[row]![offset + j] as ChartCell;
			if (row === top) rows[row]![offset + j] = {char: glyphs.failMark, kind: 'failure'};
			else if (cell.kind === 'blank') rows[row]![offset + j] = {char: glyphs.failBand, kind: 'failure'};
		}
	});

	return {rows, labelWidth, plotWidth, shown: shownPoints.length, failures, lowMs: low, highMs: high, criticalInView};
}

/** The grid as plain text lines (for tests and for logs). */
export function gridText(grid: ChartGrid): string[] {
	return grid.rows.map(row => row.map(cell => cell.char).join(''));
}
