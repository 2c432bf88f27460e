import {describe, expect, it} from 'vitest';
import {buildMetricsJson} from '../../source/metrics/metrics-json.js';
import {
	describeFigure,
	figureAgeMs,
	formatAge,
	isStale,
	knownFigure,
	makeReading,
	notConfiguredReading,
	staleAfterMs,
	unknownFigure,
} from '../../source/metrics/reading.js';

const NOW = 1_718_000_000_000;
const STALE = staleAfterMs(30_000);

describe('formatAge', () => {
	it('reads like a person would say it', () => {
		expect(formatAge(999)).toBe('just now');
		expect(formatAge(12_400)).toBe('12 s ago');
		expect(formatAge(125_000)).toBe('2 min ago');
		expect(formatAge(3 * 3_600_000 + 5)).toBe('3 h ago');
	});
});

describe('describeFigure', () => {
	it('shows a fresh value with source and age', () => {
		expect(describeFigure(knownFigure('prometheus', 1204, NOW - 12_000), NOW, STALE)).toBe('1,204 (prometheus, 12 s ago)');
	});

	it('marks a value older than three intervals stale', () => {
		const figure = knownFigure('scrape', 1204, NOW - 120_000);
		expect(isStale(figure, NOW, STALE)).toBe(true);
		expect(describeFigure(figure, NOW, STALE)).toBe('1,204 (scrape, stale, 2 min ago)');
		expect(isStale(knownFigure('scrape', 1, NOW - STALE), NOW, STALE)).toBe(false);
	});

	it('gives the reason for an unknown figure, and the since-start count when known', () => {
		expect(describeFigure(unknownFigure('scrape', {note: 'needs Prometheus'}, NOW, 1204), NOW, STALE)).toBe(
			'unknown — needs Prometheus; 1,204 since Authority start',
		);
		expect(describeFigure(unknownFigure('prometheus', {error: 'prometheus: connection refused (x)'}, NOW), NOW, STALE)).toBe(
			'unknown — prometheus: connection refused (x)',
		);
		const failed = unknownFigure('prometheus', {error: 'boom'}, NOW);
		expect(isStale(failed, NOW, STALE)).toBe(false);
	});

	it('an error wins over a note', () => {
		expect(unknownFigure('scrape', {error: 'e', note: 'n'})).toMatchObject({error: 'e', note: null});
	});
});

describe('notConfiguredReading', () => {
	it('is unknown with the reason, not an error', () => {
		const reading = notConfiguredReading();
		expect(reading.figures).toEqual({tokensIssuedLast24h: null, activeSessions: null});
		for (const figure of Object.values(reading.detail)) {
			expect(figure).toEqual({value: null, source: 'none', fetchedAt: null, error: null, note: expect.any(String), totalSinceStart: null});
			expect(describeFigure(figure, NOW, STALE)).toBe(
				'unknown — no metrics source configured (--prometheus-url or --metrics-url)',
			);
			expect(figureAgeMs(figure, NOW)).toBeNull();
		}
	});
});

describe('buildMetricsJson', () => {
	it('describes each figure beside the evidence keys, every key always present', () => {
		const reading = makeReading({
			tokensIssuedLast24h: unknownFigure('scrape', {note: 'needs Prometheus'}, NOW - 4_500, 1204),
			activeSessions: {...knownFigure('scrape', 37, NOW - 95_000), error: 'scrape: HTTP 503 from the metrics endpoint'},
		});
		expect(reading.figures).toEqual({tokensIssuedLast24h: null, activeSessions: 37});
		expect(buildMetricsJson(reading, NOW, STALE)).toEqual({
			TokensIssuedLast24h: {source: 'scrape', ageSeconds: 4, stale: false, error: null, note: 'needs Prometheus', totalSinceStart: 1204},
			ActiveSessions: {
				source: 'scrape',
				ageSeconds: 95,
				stale: true,
				error: 'scrape: HTTP 503 from the metrics endpoint',
				note: null,
				totalSinceStart: null,
			},
		});
	});

	it('has null ages when nothing is configured, and survives JSON', () => {
		const json = buildMetricsJson(notConfiguredReading(), NOW, STALE);
		expect(JSON.parse(JSON.stringify(json)).ActiveSessions).toEqual({
			source: 'none',
			ageSeconds: null,
			stale: false,
			error: null,
			note: 'no metrics source configured (--prometheus-url or --metrics-url)',
			totalSinceStart: null,
		});
	});
});
