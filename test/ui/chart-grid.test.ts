import {describe, expect, it} from 'vitest';
import type {Status} from '../../checks/types.js';
import type {ChartPoint} from '../../source/monitor/monitor.js';
import {buildChartGrid, gridText, plotWidthFor} from '../../source/ui/chart-grid.js';
import {makeTheme} from '../../source/ui/theme.js';

const thresholds = {warningMs: 500, criticalMs: 2000};
const unicode = makeTheme({colour: false, ascii: false}).glyphs;
const ascii = makeTheme({colour: false, ascii: true}).glyphs;
const statusOf = (ms: number | null): Status => (ms === null || ms > 2000 ? 'fail' : ms > 500 ? 'warn' : 'pass');
const points = (values: readonly (number | null)[]): ChartPoint[] => values.map((ms, i) => ({at: i * 1000, ms, status: statusOf(ms)}));

/** Row (0 = top) of the data line in a column. */
function dataRows(grid: ReturnType<typeof buildChartGrid>, column: number): number[] {
	return grid.rows.flatMap((row, r) => (row[grid.labelWidth + 1 + column]?.kind === 'data' ? [r] : []));
}

describe('chart grid', () => {
	it('is exactly as wide and as tall as asked, one column per probe, newest at the right edge', () => {
		const grid = buildChartGrid(points([40, 41, 42]), {width: 80, height: 7, thresholds, glyphs: unicode});
		expect(grid.rows).toHaveLength(7);
		for (const line of gridText(grid)) expect(Array.from(line)).toHaveLength(80);
		expect(grid.plotWidth).toBe(80 - grid.labelWidth - 1);
		expect(grid.shown).toBe(3);
		expect(dataRows(grid, grid.plotWidth - 1).length).toBeGreaterThan(0);
		expect(dataRows(grid, grid.plotWidth - 4)).toEqual([]);
	});

	it('keeps 40 ms and 120 ms at least two rows apart on an 80x24 chart, with the warning line in view', () => {
		const grid = buildChartGrid(points([40, 40, 40, 120, 120, 120]), {width: 80, height: 7, thresholds, glyphs: unicode});
		const last = grid.plotWidth - 1;
		const fast = dataRows(grid, last - 4); // a flat 40 ms column
		const slow = dataRows(grid, last); // a flat 120 ms column
		expect(fast).toHaveLength(1);
		expect(slow).toHaveLength(1);
		expect(fast[0]! - slow[0]!).toBeGreaterThanOrEqual(2);
		expect(gridText(grid).some(line => line.includes('warn 500'))).toBe(true);
		expect(grid.highMs).toBeGreaterThan(500);
	});

	it('labels the off-scale critical line at the top while every probe is below the warning threshold', () => {
		const grid = buildChartGrid(points([40, 45, 120]), {width: 60, height: 7, thresholds, glyphs: unicode});
		expect(grid.criticalInView).toBe(false);
		expect(gridText(grid)[0]).toMatch(/^↑crit 2000┤/);
		expect(gridText(grid).some(line => line.includes('┼┄┄'))).toBe(true);
		const ascii7 = buildChartGrid(points([40]), {width: 60, height: 7, thresholds, glyphs: ascii});
		expect(gridText(ascii7)[0]).toMatch(/^\^crit 2000\|/);
	});

	it('draws the critical line once a probe is slower than the warning threshold', () => {
		const grid = buildChartGrid(points([40, 734, 40]), {width: 60, height: 7, thresholds, glyphs: unicode});
		expect(grid.criticalInView).toBe(true);
		const text = gridText(grid);
		const crit = text.findIndex(line => line.startsWith(' crit 2000┼┄'));
		const warn = text.findIndex(line => line.startsWith('  warn 500┼┄'));
		expect(crit).toBeGreaterThanOrEqual(0);
		expect(warn).toBeGreaterThan(crit);
	});

	it('marks failed probes at their own columns and does not bridge the line across them', () => {
		const values = [40, 41, null, null, 42, 43, null, 44];
		const grid = buildChartGrid(points(values), {width: 40, height: 6, thresholds, glyphs: unicode});
		const first = grid.plotWidth - values.length;
		expect(grid.failures).toBe(3);
		values.forEach((ms, i) => {
			const column = grid.labelWidth + 1 + first + i;
			const cells = grid.rows.map(row => row[column]!);
			if (ms === null) {
				expect(cells.at(-1)).toEqual({char: '×', kind: 'failure'});
				expect(cells.some(cell => cell.kind === 'data')).toBe(false);
				expect(cells.filter(cell => cell.kind === 'failure').length).toBeGreaterThan(1);
			} else {
				expect(cells.some(cell => cell.kind === 'data')).toBe(true);
			}
		});
	});

	it('draws a lone answered probe between failures at its own level', () => {
		const grid = buildChartGrid(points([null, 300, null]), {width: 40, height: 6, thresholds, glyphs: unicode});
		const column = grid.plotWidth - 2;
		expect(dataRows(grid, column)).toHaveLength(1);
		expect(grid.rows[dataRows(grid, column)[0]!]![grid.labelWidth + 1 + column]).toMatchObject({char: '─', status: 'pass'});
	});

	it('shows only failure marks when nothing answered, and a sensible empty scale before any probe', () => {
		const failed = buildChartGrid(points([null, null]), {width: 40, height: 5, thresholds, glyphs: unicode});
		expect(failed.rows.flat().some(cell => cell.kind === 'data')).toBe(false);
		expect(failed.failures).toBe(2);
		const empty = buildChartGrid([], {width: 40, height: 5, thresholds, glyphs: unicode});
		expect(empty.shown).toBe(0);
		expect(gridText(empty).some(line => line.includes('warn 500'))).toBe(true);
	});

	it('keeps the newest probes when more arrive than fit', () => {
		const values = Array.from({length: 200}, (_, i) => (i === 199 ? null : 40));
		const grid = buildChartGrid(points(values), {width: 60, height: 5, thresholds, glyphs: unicode});
		expect(grid.shown).toBe(plotWidthFor(60, thresholds));
		expect(grid.rows.at(-1)!.at(-1)).toEqual({char: '×', kind: 'failure'});
	});

	it('uses only ASCII in ASCII mode, for every kind of cell', () => {
		const grid = buildChartGrid(points([40, 734, null, 2500, 3, 0, 40]), {width: 50, height: 8, thresholds, glyphs: ascii});
		for (const line of gridText(grid)) expect(line).toMatch(/^[\x20-\x7e]*$/);
		expect(gridText(grid).join('\n')).toContain('x');
	});

	it('draws sub-millisecond and critically slow probes inside the scale', () => {
		const grid = buildChartGrid(points([0, 0.4, 9000]), {width: 40, height: 6, thresholds, glyphs: unicode});
		expect(grid.lowMs).toBeLessThanOrEqual(1);
		expect(grid.highMs).toBeGreaterThanOrEqual(9000);
		const last = grid.plotWidth - 1;
		expect(dataRows(grid, last)).toEqual([0]);
	});
});
