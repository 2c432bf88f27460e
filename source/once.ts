// The headless one-shot report: probe once, judge, print, exit 0/1/2 by status. Works with
// stdin and stdout not being terminals (cron, Nagios, CI).

import {evaluate} from '../checks/token-service.js';
import {UNKNOWN_FIGURES, type ServiceFigures, type Status} from '../checks/types.js';
import type {Config} from './config.js';
import type {Prober} from './probe/prober.js';
import {formatJsonReport} from './report/format-json.js';
import {formatNagiosReport} from './report/format-nagios.js';
import {formatTextReport} from './report/format-text.js';

export const EXIT_CODES: Readonly<Record<Status, number>> = {pass: 0, warn: 1, fail: 2};
export const EXIT_USAGE = 3;

/** Figures from the Authority's metrics, with how to show where they came from. */
export interface FiguresReport {
	readonly figures: ServiceFigures;
	readonly json?: unknown;
	readonly lines?: readonly string[];
}

export interface OnceSeams {
	readonly prober: Prober;
	/** Fetched alongside the probe; a failure here never changes the verdict. */
	readonly figures?: () => Promise<FiguresReport>;
	readonly write: (text: string) => void;
}

export async function runOnce(config: Config, seams: OnceSeams): Promise<number> {
	const [sample, figuresReport] = await Promise.all([
		seams.prober.probe(),
		seams.figures ? seams.figures().catch((): FiguresReport => ({figures: UNKNOWN_FIGURES})) : Promise.resolve(undefined),
	]);
	const result = evaluate(sample, config.thresholds, figuresReport?.figures ?? UNKNOWN_FIGURES);
	const input = {
		result,
		sample,
		timeoutMs: config.timeoutMs,
		metricsJson: figuresReport?.json,
		metricsLines: figuresReport?.lines,
	};
	const text =
		config.format === 'json' ? formatJsonReport(input) : config.format === 'nagios' ? formatNagiosReport(input) : formatTextReport(input);
	// The secret can only arrive in text from the server, and the probe already removed it
	// there (redact-credentials.ts); masking the whole report would also mangle JSON keys
	// and perfdata whenever a short secret happens to match them.
	seams.write(text + '\n');
	return EXIT_CODES[result.status];
}
