// The parser ships no types. This is the shape its README documents (prom2json-compatible):
// every value stays the string the exposition had ("3851.0", "NaN", "+Inf"), so converting
// it to a number — and refusing the ones that are not — stays our decision.
declare module 'parse-prometheus-text-format' {
	export interface ParsedSample {
		readonly value?: string;
		readonly labels?: Readonly<Record<string, string>>;
		readonly timestamp_ms?: string;
		readonly buckets?: Readonly<Record<string, string>>;
		readonly quantiles?: Readonly<Record<string, string>>;
		readonly count?: string;
		readonly sum?: string;
	}

	export interface ParsedFamily {
		readonly name: string;
		readonly help: string;
		/** Upper-case: COUNTER, GAUGE, HISTOGRAM, SUMMARY or UNTYPED. */
		readonly type: string;
		readonly metrics: readonly ParsedSample[];
	}

	/** Throws an InvalidLineError on a line it cannot read. */
	export default function parsePrometheusTextFormat(text: string): ParsedFamily[];
}
