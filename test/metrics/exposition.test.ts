import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {DEFAULT_METRIC_NAMES, readExposition} from '../../source/metrics/exposition.js';
import {figuresFromExposition, NEEDS_PROMETHEUS_NOTE} from '../../source/metrics/scrape-source.js';

const fixture = readFileSync(new URL('./fixtures/authority-metrics.txt', import.meta.url), 'utf8');
const AT = 1_718_000_000_000;

/** The fixture without the lines of one family (HELP, TYPE and samples). */
function without(text: string, name: string): string {
	return text
		.split('\n')
		.filter(line => !line.startsWith(name + '{') && !line.startsWith(name + ' ') && !line.includes(` ${name} `))
		.join('\n');
}

describe('readExposition on captured text', () => {
	it('sums each wanted series across label sets, ignoring the noise around it', () => {
		expect(readExposition(fixture)).toEqual({
			tokensCounter: {ok: true, value: 1204},
			tokensWindowGauge: {ok: true, value: 1180},
			sessionsGauge: {ok: true, value: 37},
		});
	});

	it('keeps the last sample when the text does not end with a newline', () => {
		const text = 'stellaops_authority_active_sessions{a="1"} 2\nstellaops_authority_active_sessions{a="2"} 5';
		expect(readExposition(text).sessionsGauge).toEqual({ok: true, value: 7});
	});

	it('honours overridden metric names', () => {
		const values = readExposition(fixture, {
			tokensCounter: 'process_cpu_user_seconds_total',
			tokensWindowGauge: 'nope_gauge',
			sessionsGauge: 'stellaops_authority_clock_skew_seconds',
		});
		expect(values.tokensCounter).toEqual({ok: true, value: 0.412});
		expect(values.tokensWindowGauge).toMatchObject({ok: false, absent: true});
		expect(values.sessionsGauge).toEqual({ok: false, error: 'value is infinite for stellaops_authority_clock_skew_seconds'});
	});

	it('refuses NaN and +Inf in a wanted series instead of summing them', () => {
		const nan = fixture.replace('stellaops_authority_active_sessions{client="ui"} 6', 'stellaops_authority_active_sessions{client="ui"} NaN');
		expect(readExposition(nan).sessionsGauge).toEqual({ok: false, error: 'value is NaN for stellaops_authority_active_sessions'});
		const inf = fixture.replace('stellaops_authority_tokens_issued_last_24h{instance="b"} 180.0', 'stellaops_authority_tokens_issued_last_24h{instance="b"} +Inf');
		expect(readExposition(inf).tokensWindowGauge).toEqual({
			ok: false,
			error: 'value is infinite for stellaops_authority_tokens_issued_last_24h',
		});
	});

	it('refuses a histogram or summary named as a wanted series', () => {
		const values = readExposition(fixture, {...DEFAULT_METRIC_NAMES, sessionsGauge: 'http_request_duration_seconds'});
		expect(values.sessionsGauge).toEqual({ok: false, error: 'http_request_duration_seconds is a histogram, not a counter or gauge'});
	});

	it('reads the _total sample of an OpenMetrics-style counter', () => {
		const text = '# TYPE stellaops_authority_tokens_issued counter\nstellaops_authority_tokens_issued_total 9\n# EOF\n';
		expect(readExposition(text).tokensCounter).toEqual({ok: true, value: 9});
	});

	it('throws one safe line for unparsable text', () => {
		const hostile = 'stellaops_authority_active_sessions{client=\u001b]52;c;ZXZpbA==\u0007"x"} 1\n';
		expect(() => readExposition(hostile)).toThrow(/^unreadable metrics exposition: Encountered invalid line/);
		try {
			readExposition(hostile);
		} catch (error) {
			expect((error as Error).message).not.toMatch(/[\u0000-\u001f\u007f]/);
		}
	});
});

describe('figuresFromExposition', () => {
	it('gives both figures from the window gauge and the sessions gauge, with the since-start total', () => {
		const reading = figuresFromExposition(fixture, DEFAULT_METRIC_NAMES, AT);
		expect(reading.figures).toEqual({tokensIssuedLast24h: 1180, activeSessions: 37});
		expect(reading.detail.tokensIssuedLast24h).toEqual({
			value: 1180,
			source: 'scrape',
			fetchedAt: AT,
			error: null,
			note: null,
			totalSinceStart: 1204,
		});
	});

	it('never passes a since-start counter off as a 24 h figure', () => {
		const reading = figuresFromExposition(without(fixture, 'stellaops_authority_tokens_issued_last_24h'), DEFAULT_METRIC_NAMES, AT);
		expect(reading.figures.tokensIssuedLast24h).toBeNull();
		expect(reading.detail.tokensIssuedLast24h).toMatchObject({note: NEEDS_PROMETHEUS_NOTE, error: null, totalSinceStart: 1204});
		expect(reading.figures.activeSessions).toBe(37);
	});

	it('says which names it looked for when neither tokens series is exposed', () => {
		let text = without(fixture, 'stellaops_authority_tokens_issued_last_24h');
		text = without(text, 'stellaops_authority_tokens_issued_total');
		const figure = figuresFromExposition(text, DEFAULT_METRIC_NAMES, AT).detail.tokensIssuedLast24h;
		expect(figure.value).toBeNull();
		expect(figure.totalSinceStart).toBeNull();
		expect(figure.note).toBe(
			'needs Prometheus; neither stellaops_authority_tokens_issued_last_24h nor stellaops_authority_tokens_issued_total is exposed',
		);
	});

	it('reports a missing sessions gauge as an error naming it', () => {
		const reading = figuresFromExposition(without(fixture, 'stellaops_authority_active_sessions'), DEFAULT_METRIC_NAMES, AT);
		expect(reading.detail.activeSessions).toMatchObject({
			value: null,
			error: 'scrape: stellaops_authority_active_sessions is not exposed',
		});
		expect(reading.figures.tokensIssuedLast24h).toBe(1180);
	});

	it('makes both figures unknown with the parser error for a malformed line', () => {
		const reading = figuresFromExposition(fixture + 'stellaops_authority_active_sessions{client=oops} 1\n', DEFAULT_METRIC_NAMES, AT);
		expect(reading.figures).toEqual({tokensIssuedLast24h: null, activeSessions: null});
		expect(reading.detail.activeSessions.error).toMatch(/^scrape: unreadable metrics exposition/);
	});
});
