// The figures side by side: each row is one figure, its anchor and its target, with a verdict.

/** '' for a figure printed for information, with no target. */
export type Verdict = 'OK' | 'OVER' | 'n/a' | '';

export interface Row {
	readonly figure: string;
	readonly ours: string;
	readonly anchor: string;
	readonly target: string;
	readonly verdict: Verdict;
}

export function verdict(holds: boolean | null): Verdict {
	if (holds === null) return 'n/a';
	return holds ? 'OK' : 'OVER';
}

export function kb(bytes: number): string {
	return bytes >= 10_000 ? `${(bytes / 1000).toFixed(1)} kB` : `${Math.round(bytes)} B`;
}

export function mb(bytes: number): string {
	return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

export function ms(value: number): string {
	return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

export function renderTable(rows: readonly Row[]): string {
	const headers = ['figure', 'stella-doctor-tui', 'anchor', 'target', ''];
	const cells = rows.map(row => [row.figure, row.ours, row.anchor, row.target, row.verdict]);
	const widths = headers.map((header, column) => Math.max(header.length, ...cells.map(line => (line[column] as string).length)));
	const line = (values: string[]) =>
		values
			.map((value, column) => value.padEnd(widths[column] as number))
			.join('  ')
			.trimEnd();
	return [line(headers), line(widths.map(width => '-'.repeat(width))), ...cells.map(line)].join('\n');
}
