// Percentiles by the nearest-rank method: the p-th percentile of n values is the value at
// rank ceil(p/100 × n) in ascending order (1-based). It is always one of the observed values,
// never an interpolation, so "p95 734 ms" means a probe really took 734 ms; and it is what
// a person gets by sorting the numbers and counting. Example: [10, 20, 30, 40] → p50 = 20
// (rank 2), p95 = 40 (rank 4).

/** Rank (1-based) of the p-th percentile among n values; 0 when n is 0. */
export function nearestRank(p: number, n: number): number {
	if (n <= 0) return 0;
	if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be 0–100, got ${p}`);
	return Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
}

/** The p-th percentile of values already sorted ascending; null when there are none. */
export function percentileOfSorted(sorted: readonly number[], p: number): number | null {
	const rank = nearestRank(p, sorted.length);
	return rank === 0 ? null : (sorted[rank - 1] as number);
}
