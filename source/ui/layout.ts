// Where everything goes for a terminal of a given size: pure arithmetic, so the layout of
// 80×24, 120×40 and everything in between is tested without a terminal.
//
// The live region is at most rows − 1 lines: Ink clears the whole screen and redraws it
// every frame once its output is as tall as the terminal. In order of importance: header,
// key bar, chart (at least 5 rows), evidence, panels plugged in by the app (the runbook,
// its output), stats, one line of timeline; then the chart grows to a comfortable height,
// the panels to theirs, the chart to its maximum, and the timeline takes the rest. From 120 columns the evidence sits beside the stats and the
// timeline.

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 18;
export const WIDE_COLUMNS = 120;
/** Width of the stats-and-timeline column beside the evidence in a wide layout. */
export const SIDE_COLUMNS = 58;

export const HEADER_ROWS = 2;
export const KEY_BAR_ROWS = 1;
/** Chart title plus plot rows. */
export const CHART_MIN_ROWS = 6;
/** The chart grows to this before panels grow, and to the maximum after. */
export const CHART_COMFORTABLE_ROWS = 13;
export const CHART_MAX_ROWS = 21;
export const EVIDENCE_ROWS = 8;
export const EVIDENCE_COMPACT_ROWS = 2;
export const STATS_ROWS = 3;

export interface PanelRequest {
	readonly id: string;
	/** Rows the panel needs to be useful; it is left out when they are not there. */
	readonly minRows: number;
	/** Rows it can use at most. */
	readonly maxRows: number;
}

export interface PanelSlot {
	readonly id: string;
	readonly rows: number;
}

export type LayoutPlan =
	| {readonly kind: 'too-small'; readonly columns: number; readonly rows: number}
	| {
			readonly kind: 'monitor';
			readonly width: number;
			/** Lines of the live region (rows − 1). */
			readonly height: number;
			/** Chart rows including its title line. */
			readonly chart: number;
			readonly evidence: 'full' | 'compact' | 'hidden';
			readonly evidenceRows: number;
			/** Evidence beside stats and timeline (their column starts at evidenceWidth). */
			readonly wide: boolean;
			readonly evidenceWidth: number;
			readonly stats: number;
			readonly timeline: number;
			readonly panels: readonly PanelSlot[];
			/** Rows between header and key bar (for the help overlay). */
			readonly body: number;
	  };

export function planLayout(columns: number, rows: number, requests: readonly PanelRequest[] = []): LayoutPlan {
	if (columns < MIN_COLUMNS || rows < MIN_ROWS) return {kind: 'too-small', columns, rows};
	const height = rows - 1;
	const body = height - HEADER_ROWS - KEY_BAR_ROWS;
	let free = body - CHART_MIN_ROWS;
	let chart = CHART_MIN_ROWS;

	const panelsWant = requests.reduce((sum, request) => sum + Math.max(0, request.minRows), 0);
	let evidence: 'full' | 'compact' | 'hidden' = 'hidden';
	if (free - panelsWant >= EVIDENCE_ROWS) evidence = 'full';
	else if (free - panelsWant >= EVIDENCE_COMPACT_ROWS) evidence = 'compact';
	const evidenceRows = evidence === 'full' ? EVIDENCE_ROWS : evidence === 'compact' ? EVIDENCE_COMPACT_ROWS : 0;
	free -= evidenceRows;

	const panelRows = requests.map(request => {
		const rows = request.minRows <= free ? Math.max(0, request.minRows) : 0;
		free -= rows;
		return rows;
	});

	const wide = columns >= WIDE_COLUMNS && evidence === 'full';
	let stats = 0;
	let timeline = 0;
	if (wide) {
		// Stats and a few timeline lines fit beside the evidence for free.
		stats = STATS_ROWS;
		timeline = EVIDENCE_ROWS - STATS_ROWS;
	} else {
		if (free >= STATS_ROWS) {
			stats = STATS_ROWS;
			free -= stats;
		}
		if (free >= 1) {
			timeline = 1;
			free -= 1;
		}
	}

	const growChart = (limit: number) => {
		const grow = Math.max(0, Math.min(free, limit - chart));
		chart += grow;
		free -= grow;
	};
	growChart(CHART_COMFORTABLE_ROWS);
	requests.forEach((request, i) => {
		const current = panelRows[i] as number;
		if (current === 0) return;
		const extra = Math.min(free, Math.max(0, request.maxRows - current));
		panelRows[i] = current + extra;
		free -= extra;
	});
	growChart(CHART_MAX_ROWS);
	timeline += free;

	return {
		kind: 'monitor',
		width: columns,
		height,
		chart,
		evidence,
		evidenceRows,
		wide,
		evidenceWidth: wide ? columns - SIDE_COLUMNS : columns,
		stats,
		timeline,
		panels: requests.map((request, i) => ({id: request.id, rows: panelRows[i] as number})).filter(slot => slot.rows > 0),
		body,
	};
}

/** Lines the plan uses: never more than the live region. */
export function plannedLines(plan: Extract<LayoutPlan, {kind: 'monitor'}>): number {
	const lower = plan.wide ? Math.max(plan.evidenceRows, plan.stats + plan.timeline) : plan.evidenceRows + plan.stats + plan.timeline;
	return HEADER_ROWS + plan.chart + lower + plan.panels.reduce((sum, slot) => sum + slot.rows, 0) + KEY_BAR_ROWS;
}
