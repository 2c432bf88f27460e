import {describe, expect, it} from 'vitest';
import {
	CHART_MIN_ROWS,
	EVIDENCE_ROWS,
	MIN_COLUMNS,
	MIN_ROWS,
	planLayout,
	plannedLines,
	type LayoutPlan,
} from '../../source/ui/layout.js';

type Monitor = Extract<LayoutPlan, {kind: 'monitor'}>;
const plan = (columns: number, rows: number, panels = [] as {id: string; minRows: number; maxRows: number}[]) =>
	planLayout(columns, rows, panels) as Monitor;

describe('layout', () => {
	it('fits 80x24 with header, chart, full evidence, stats, a timeline line and the key bar, in rows - 1 lines', () => {
		const p = plan(80, 24);
		expect(p.kind).toBe('monitor');
		expect(p.height).toBe(23);
		expect(p.evidence).toBe('full');
		expect(p.chart).toBeGreaterThanOrEqual(CHART_MIN_ROWS + 1);
		expect(p.stats).toBe(3);
		expect(p.timeline).toBeGreaterThanOrEqual(1);
		expect(plannedLines(p)).toBe(23);
	});

	it('uses the extra space of 120x40: a taller chart, evidence beside stats, more timeline', () => {
		const small = plan(80, 24);
		const large = plan(120, 40);
		expect(large.wide).toBe(true);
		expect(large.chart).toBeGreaterThan(small.chart);
		expect(large.timeline).toBeGreaterThan(small.timeline + 5);
		expect(plannedLines(large)).toBe(39);
	});

	it('never plans more lines than rows - 1, for any size from the minimum up', () => {
		for (let columns = MIN_COLUMNS; columns <= 200; columns += 7) {
			for (let rows = MIN_ROWS; rows <= 70; rows++) {
				for (const panels of [[], [{id: 'runbook', minRows: 10, maxRows: 16}]]) {
					const p = plan(columns, rows, panels);
					expect(plannedLines(p)).toBeLessThanOrEqual(rows - 1);
					expect(p.chart).toBeGreaterThanOrEqual(CHART_MIN_ROWS);
				}
			}
		}
	});

	it('says too small below the minimum', () => {
		expect(planLayout(MIN_COLUMNS - 1, 40).kind).toBe('too-small');
		expect(planLayout(120, MIN_ROWS - 1).kind).toBe('too-small');
		expect(planLayout(MIN_COLUMNS, MIN_ROWS).kind).toBe('monitor');
	});

	it('makes room for plugged-in panels: the evidence gets compact at 80x24, stays full at 120x40', () => {
		const small = plan(80, 24, [{id: 'runbook', minRows: 10, maxRows: 14}]);
		expect(small.panels).toEqual([{id: 'runbook', rows: 10}]);
		expect(small.evidence).toBe('compact');
		expect(plannedLines(small)).toBeLessThanOrEqual(23);
		const large = plan(120, 40, [{id: 'runbook', minRows: 10, maxRows: 14}]);
		expect(large.panels).toEqual([{id: 'runbook', rows: 14}]);
		expect(large.evidence).toBe('full');
		expect(large.evidenceRows).toBe(EVIDENCE_ROWS);
	});

	it('leaves out a panel that cannot get its minimum', () => {
		const p = plan(80, 24, [{id: 'huge', minRows: 40, maxRows: 40}]);
		expect(p.panels).toEqual([]);
	});
});
