// The figures' provenance for the one-shot JSON report. The evidence keys themselves
// (TokensIssuedLast24h, ActiveSessions) stay plain numbers or null, exactly as the spec names
// them; this sibling object says where each came from, how old it is and why it may be missing.
// Every key is always present (null when it does not apply), so consumers can rely on the shape.

import {figureAgeMs, isStale, type FigureKey, type FigureReading, type FigureSource, type MetricsReading} from './reading.js';

export interface FigureProvenanceJson {
	readonly source: FigureSource;
	/** Whole seconds since the value (or the reason) was fetched; null when never fetched. */
	readonly ageSeconds: number | null;
	readonly stale: boolean;
	readonly error: string | null;
	readonly note: string | null;
	readonly totalSinceStart: number | null;
}

export interface MetricsJson {
	readonly TokensIssuedLast24h: FigureProvenanceJson;
	readonly ActiveSessions: FigureProvenanceJson;
}

export const EVIDENCE_KEY_OF: Readonly<Record<FigureKey, keyof MetricsJson>> = Object.freeze({
	tokensIssuedLast24h: 'TokensIssuedLast24h',
	activeSessions: 'ActiveSessions',
});

function provenance(figure: FigureReading, now: number, staleAfter: number): FigureProvenanceJson {
	const age = figureAgeMs(figure, now);
	return {
		source: figure.source,
		ageSeconds: age === null ? null : Math.floor(age / 1000),
		stale: isStale(figure, now, staleAfter),
		error: figure.error,
		note: figure.note,
		totalSinceStart: figure.totalSinceStart,
	};
}

/** The `metrics` object that sits beside `evidence` in the JSON report. */
export function buildMetricsJson(reading: MetricsReading, now: number, staleAfter: number): MetricsJson {
	return {
		TokensIssuedLast24h: provenance(reading.detail.tokensIssuedLast24h, now, staleAfter),
		ActiveSessions: provenance(reading.detail.activeSessions, now, staleAfter),
	};
}
