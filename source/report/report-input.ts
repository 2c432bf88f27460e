import type {CheckResult, Sample} from '../../checks/types.js';

/** Everything a one-shot report shows: the verdict and the sample behind it. */
export interface ReportInput {
	readonly result: CheckResult;
	readonly sample: Sample;
	readonly timeoutMs: number;
	/** Extra, already-built JSON describing where the metrics figures came from, if any. */
	readonly metricsJson?: unknown;
	/** One line per figure for the text report ("TokensIssuedLast24h: 1,204 (scrape, 2 s ago)"). */
	readonly metricsLines?: readonly string[];
}
