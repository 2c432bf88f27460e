import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {tokenServiceCheck} from '../../checks/token-service.js';
import {makeReading, knownFigure, unknownFigure} from '../../source/metrics/reading.js';
import {EMPTY_SUMMARY} from '../../source/monitor/stats.js';
import type {TimelineEntry} from '../../source/monitor/timeline.js';
import {Chart} from '../../source/ui/chart.js';
import {EvidencePanel} from '../../source/ui/evidence-panel.js';
import {Header, badgeSegment} from '../../source/ui/header.js';
import {HelpOverlay} from '../../source/ui/help-overlay.js';
import {KeyBar} from '../../source/ui/key-bar.js';
import {StatsPanel} from '../../source/ui/stats-panel.js';
import {TimelinePanel} from '../../source/ui/timeline-panel.js';
import {TooSmall} from '../../source/ui/too-small.js';
import {makeTheme} from '../../source/ui/theme.js';
import {lines, observation, renderUi, T0, widest} from './helpers.js';

afterEach(() => cleanup());

const thresholds = {warningMs: 500, criticalMs: 2000};
const ENDPOINT = 'http://127.0.0.1:9/connect/token';
const header = (props: Partial<React.ComponentProps<typeof Header>> = {}) => (
	<Header checkId={tokenServiceCheck.id} endpoint={ENDPOINT} latest={null} inFlight={false} paused={false} intervalMs={5000} width={80} {...props} />
);
const LONG_ERROR = `connect ECONNREFUSED 127.0.0.1:9 ${'while talking to the Authority '.repeat(20)}end`;

describe('Header', () => {
	it('shows the check, the endpoint and PASS with the last response time and its age', () => {
		const {lastFrame} = renderUi(header({latest: observation(42)}), {now: T0 + 3_500});
		const [first, second] = lines(lastFrame());
		expect(first).toContain('check.auth.token-service');
		expect(first).toContain(ENDPOINT);
		expect(second).toMatch(/^\[PASS\] 42 ms · 3 s ago · every 5 s$/);
	});

	it('shows WARN and FAIL in words, and "no answer" when the service did not answer', () => {
		expect(lines(renderUi(header({latest: observation(734)})).lastFrame())[1]).toMatch(/^\[WARN\] 734 ms/);
		expect(lines(renderUi(header({latest: observation(2500)})).lastFrame())[1]).toMatch(/^\[FAIL\] 2500 ms/);
		expect(lines(renderUi(header({latest: observation(null, 'connect ECONNREFUSED')})).lastFrame())[1]).toMatch(/^\[FAIL\] no answer/);
	});

	it('tells an answer that was not a token from no answer at all', () => {
		const rejected = observation(24, 'HTTP 400 Bad Request: invalid_client');
		expect(lines(renderUi(header({latest: rejected})).lastFrame())[1]).toMatch(/^\[FAIL\] not issuing tokens \(24 ms\)/);
	});

	it('signals a probe in flight and a paused monitor, and waits for the first probe', () => {
		const frame = lines(renderUi(header({inFlight: true, paused: true})).lastFrame());
		expect(frame[1]).toContain('waiting for the first probe');
		expect(frame[1]).toContain('● probing');
		expect(frame[1]).toMatch(/● probing · ‖ PAUSED$/);
		const ascii = lines(renderUi(header({inFlight: true, paused: true}), {ascii: true}).lastFrame());
		expect(ascii[1]).toContain('* probing | || PAUSED');
	});

	it('badges in colour with the word on a coloured background, and in brackets without colour', () => {
		const latest = observation(734);
		expect(badgeSegment(latest, makeTheme({colour: true, ascii: false}))).toMatchObject({text: ' WARN ', background: 'yellow'});
		expect(badgeSegment(latest, makeTheme({colour: false, ascii: false}))).toEqual({text: '[WARN]'});
	});

	it('fits a narrow terminal and keeps header items on the right', () => {
		const {lastFrame} = renderUi(header({latest: observation(42), width: 60, items: ['env compose', 'read-only']}));
		expect(widest(lastFrame())).toBeLessThanOrEqual(60);
		expect(lines(lastFrame())[0]).toMatch(/env compose · read-only$/);
		expect(lines(lastFrame())[0]).toContain('…');
	});
});

describe('EvidencePanel', () => {
	const panel = (props: Partial<React.ComponentProps<typeof EvidencePanel>> = {}) => (
		<EvidencePanel latest={null} endpoint={ENDPOINT} thresholds={thresholds} mode="reachability" width={80} {...props} />
	);

	it('shows every evidence key of the spec with its value, the probe mode and the phases', () => {
		const frame = lines(renderUi(panel({latest: observation(42, null, {figures: {tokensIssuedLast24h: 1204, activeSessions: 17}})})).lastFrame());
		expect(frame[0]).toMatch(/Evidence.*probe: reachability/);
		const text = frame.join('\n');
		expect(text).toMatch(/ServiceAvailable +YES/);
		expect(text).toMatch(/ResponseTimeMs 42/);
		expect(text).toMatch(/Endpoint +http:\/\/127\.0\.0\.1:9\/connect\/token/);
		expect(text).toMatch(/WarningThreshold +500/);
		expect(text).toMatch(/CriticalThreshold 2000/);
		expect(text).toMatch(/TokensIssuedLast24h 1,204/);
		expect(text).toMatch(/ActiveSessions +17/);
		expect(text).toMatch(/Error +—/);
		expect(text).toMatch(/Phases +DNS 0, connect 1, TLS —, first byte 40, transfer 1 ms/);
		expect(frame).toHaveLength(8);
	});

	it('shows unknown counts as "unknown", never 0, and why when a metrics source says', () => {
		const unknown = lines(renderUi(panel({latest: observation(42)})).lastFrame()).join('\n');
		expect(unknown).toMatch(/TokensIssuedLast24h unknown/);
		expect(unknown).toMatch(/ActiveSessions +unknown/);
		const reading = makeReading({
			tokensIssuedLast24h: knownFigure('prometheus', 1204, T0 - 12_000),
			activeSessions: unknownFigure('scrape', {note: 'needs Prometheus'}),
		});
		const described = lines(renderUi(panel({latest: observation(42), metrics: {current: () => reading, staleAfterMs: 90_000}})).lastFrame()).join('\n');
		expect(described).toMatch(/TokensIssuedLast24h 1,204 \(prometheus, 12 s ago\)/);
		expect(described).toMatch(/ActiveSessions +unknown — needs Prometheus/);
	});

	it('shows a FAIL: not available, no response time, the error', () => {
		const text = lines(renderUi(panel({latest: observation(null, 'connect ECONNREFUSED 127.0.0.1:9')})).lastFrame()).join('\n');
		expect(text).toMatch(/ServiceAvailable +NO/);
		expect(text).toMatch(/ResponseTimeMs —/);
		expect(text).toMatch(/Error +connect ECONNREFUSED 127\.0\.0\.1:9/);
		expect(text).toMatch(/Phases +DNS —, connect —, TLS —, first byte —, transfer — ms/);
	});

	it('cuts a long error to the width, and strips escape sequences from it', () => {
		const hostile = `\u001b]52;c;ZXZpbA==\u0007\u001b[2J${LONG_ERROR}`;
		const {lastFrame} = renderUi(panel({latest: observation(null, hostile), width: 70}));
		expect(widest(lastFrame())).toBeLessThanOrEqual(70);
		const error = lines(lastFrame()).find(line => line.startsWith('Error'))!;
		expect(error).toMatch(/^Error +connect ECONNREFUSED 127\.0\.0\.1:9 while .*…$/);
		expect(lastFrame()).not.toContain('\u001b]52');
		expect(lastFrame()).not.toContain('\u001b[2J');
	});

	it('fits a narrow width, and says what it can in two lines when compact', () => {
		const {lastFrame} = renderUi(panel({latest: observation(734), width: 60}));
		expect(widest(lastFrame())).toBeLessThanOrEqual(60);
		const compact = lines(renderUi(panel({latest: observation(734), compact: true})).lastFrame());
		expect(compact).toHaveLength(2);
		expect(compact[0]).toBe('ServiceAvailable YES · ResponseTimeMs 734 · Error —');
		expect(compact[1]).toBe('TokensIssuedLast24h unknown · ActiveSessions unknown');
	});

	it('puts long phases on two lines when it has a spare row', () => {
		const latest = observation(1234);
		const {lastFrame} = renderUi(panel({latest, width: 61, height: 9}));
		const frame = lines(lastFrame());
		expect(frame).toHaveLength(9);
		expect(frame[7]).toMatch(/^Phases +DNS 0, connect 1, TLS —, first byte 1232,$/);
		expect(frame[8]).toBe(`${' '.repeat(20)}transfer 1 ms`);
	});

	it('shows only ASCII in ASCII mode', () => {
		const {lastFrame} = renderUi(panel({latest: observation(null, 'réseau → refusé')}), {ascii: true});
		expect(lastFrame()).toMatch(/^[\x20-\x7e\n]*$/);
		expect(lastFrame()).toContain('r?seau > refus?');
	});
});

describe('StatsPanel', () => {
	const summary = {probes: 22, pass: 17, warn: 2, fail: 3, available: 20, availabilityPct: (20 / 22) * 100, min: 40, p50: 42, p95: 734, p99: 2500, max: 2500};

	it('shows min, p50, p95, p99, max, availability and counts since start and over 5 minutes', () => {
		const frame = lines(renderUi(<StatsPanel sinceStart={summary} lastWindow={EMPTY_SUMMARY} windowMs={300_000} width={80} />).lastFrame());
		expect(frame[0]).toMatch(/^response ms +min +p50 +p95 +p99 +max +avail +pass +warn +fail$/);
		expect(frame[1]).toMatch(/^since start +40 +42 +734 +2500 +2500 +90\.9% +17 +2 +3$/);
		expect(frame[2]).toMatch(/^last 5 min +— +— +— +— +— +— +0 +0 +0$/);
	});

	it('shares one column for the counts when narrow', () => {
		const {lastFrame} = renderUi(<StatsPanel sinceStart={summary} lastWindow={summary} windowMs={300_000} width={58} />);
		expect(widest(lastFrame())).toBeLessThanOrEqual(58);
		expect(lines(lastFrame())[0]).toMatch(/pass\/warn\/fail$/);
		expect(lines(lastFrame())[1]).toMatch(/90\.9% 17\/2\/3$/);
	});
});

describe('TimelinePanel', () => {
	const at = (h: number, m: number, s: number) => new Date(2025, 0, 15, h, m, s).getTime();
	const entries: TimelineEntry[] = [
		{kind: 'status', at: at(14, 6, 0), from: 'fail', to: 'pass', responseTimeMs: 41, error: null},
		{kind: 'note', at: at(14, 5, 30), text: 'ran: restart authority (exit 0)'},
		{kind: 'status', at: at(14, 5, 0), from: 'warn', to: 'fail', responseTimeMs: null, error: 'connect ECONNREFUSED 127.0.0.1:9'},
		{kind: 'status', at: at(14, 2, 11), from: 'pass', to: 'warn', responseTimeMs: 734, error: null},
		{kind: 'status', at: at(14, 0, 0), from: null, to: 'pass', responseTimeMs: 40, error: null},
	];

	it('lists changes newest first with local times, bounded by its height', () => {
		const frame = lines(renderUi(<TimelinePanel entries={entries} width={80} height={5} />).lastFrame());
		expect(frame[0]).toMatch(/Status changes/);
		expect(frame.slice(1)).toEqual([
			'14:06:00 FAIL → PASS 41 ms',
			'14:05:30 ran: restart authority (exit 0)',
			'14:05:00 WARN → FAIL no answer: connect ECONNREFUSED 127.0.0.1:9',
			'14:02:11 PASS → WARN 734 ms',
		]);
		const all = lines(renderUi(<TimelinePanel entries={entries} width={80} height={8} />).lastFrame());
		expect(all[5]).toBe('14:00:00 PASS 40 ms (first probe)');
	});

	it('fits one line when it has only one, and uses ASCII arrows in ASCII mode', () => {
		const {lastFrame} = renderUi(<TimelinePanel entries={entries} width={60} height={1} />, {ascii: true});
		expect(lines(lastFrame())).toHaveLength(1);
		expect(lines(lastFrame())[0]).toMatch(/^Changes 14:06:00 FAIL -> PASS 41 ms \| 14:05:30 ran: /);
		expect(widest(lastFrame())).toBeLessThanOrEqual(60);
		expect(lines(renderUi(<TimelinePanel entries={[]} width={60} height={1} />).lastFrame())[0]).toBe('Changes none yet');
	});
});

describe('HelpOverlay', () => {
	const hints = [
		{keys: 'r', label: 'probe now'},
		{keys: 'q', label: 'quit'},
	];
	const help = (status: 'pass' | 'warn' | 'fail' | null) =>
		lines(renderUi(<HelpOverlay status={status} hints={hints} width={80} height={30} />).lastFrame()).join('\n');

	it('shows the keys, why it matters and the related checks', () => {
		const text = help('pass');
		expect(text).toContain('r probe now · q quit');
		expect(text).toContain('Why it matters');
		expect(text).toContain('nobody can log in');
		for (const related of tokenServiceCheck.related) expect(text).toContain(related.id);
	});

	it('shows the slow-service causes for WARN and the failing-service causes for FAIL', () => {
		const warn = help('warn');
		for (const cause of tokenServiceCheck.causes.slow) expect(warn).toContain(cause);
		expect(warn).not.toContain('Authority service not running');
		const fail = help('fail');
		expect(fail).toContain('Authority service not running (container stopped, process crashed)');
		expect(fail).not.toContain('Higher than normal load');
		expect(help('pass')).toContain('PASS: healthy, nothing to diagnose');
	});

	it('wraps a long key map instead of cutting it, and shows the last error whole', () => {
		const many = ['r probe now', 'p pause', '↑↓ j k select step', 'Enter, 1-9 run step', 'x cancel the running step', 'c copy the command', 'e switch environment', 'q, Ctrl+C quit', 'Esc close help'].map(
			entry => ({keys: entry.split(' ')[0]!, label: entry.split(' ').slice(1).join(' ')}),
		);
		const error = 'HTTP 400 Bad Request: invalid_client: client authentication failed (the client secret does not match the registered one)';
		const frame = lines(renderUi(<HelpOverlay status="fail" hints={many} error={error} width={60} height={40} />).lastFrame());
		const text = frame.join(' ').replace(/\s+/g, ' ');
		for (const hint of many) expect(text).toContain(`${hint.keys} ${hint.label}`);
		expect(text).toContain(error);
		expect(widest(frame.join('\n'))).toBeLessThanOrEqual(60);
	});

	it('stays within its height and width', () => {
		const {lastFrame} = renderUi(<HelpOverlay status="fail" hints={hints} width={60} height={12} />);
		expect(lines(lastFrame()).length).toBeLessThanOrEqual(12);
		expect(widest(lastFrame())).toBeLessThanOrEqual(60);
	});
});

describe('KeyBar, Chart and TooSmall', () => {
	it('lists the keys within the width', () => {
		const hints = [
			{keys: 'r', label: 'probe now'},
			{keys: 'p', label: 'pause'},
			{keys: '?', label: 'help'},
			{keys: 'q', label: 'quit'},
		];
		expect(lines(renderUi(<KeyBar hints={hints} width={80} />).lastFrame())[0]).toBe('r probe now  p pause  ? help  q quit');
		expect(widest(renderUi(<KeyBar hints={hints} width={20} />).lastFrame())).toBeLessThanOrEqual(20);
	});

	it('leaves whole hints out of the middle before it cuts "? help" and "q quit"', () => {
		const demo = ['r probe now', 'p pause', '0 clear', 'w slow', 'f very slow', 'd stop', '? help', 'q quit'].map(entry => ({
			keys: entry.split(' ')[0]!,
			label: entry.split(' ').slice(1).join(' '),
		}));
		const at60 = lines(renderUi(<KeyBar hints={demo} width={60} />).lastFrame())[0]!;
		expect(at60).toBe('r probe now  p pause  0 clear  w slow  ? help  q quit');
		expect(lines(renderUi(<KeyBar hints={demo} width={80} />).lastFrame())[0]).toBe(demo.map(hint => `${hint.keys} ${hint.label}`).join('  '));
		// Narrower than the kept hints themselves: cut, never wider.
		expect(widest(renderUi(<KeyBar hints={demo} width={10} />).lastFrame())).toBeLessThanOrEqual(10);
	});

	it('titles the chart with what it shows and a legend when probes failed', () => {
		const points = [40, null, 734].map((ms, i) => ({at: T0 + i * 5000, ms, status: ms === null ? 'fail' : ms > 500 ? 'warn' : 'pass'}) as const);
		const {lastFrame} = renderUi(<Chart points={points} thresholds={thresholds} width={80} height={8} />);
		const frame = lines(lastFrame());
		expect(frame).toHaveLength(8);
		expect(frame[0]).toMatch(/Response time, ms, log scale · 3 probes over 10 s .* × failed ──$/);
		expect(widest(lastFrame())).toBeLessThanOrEqual(80);
		expect(frame.some(line => line.includes('crit 2000'))).toBe(true);
	});

	it('says plainly that the terminal is too small, and still shows the status', () => {
		const frame = lines(renderUi(<TooSmall columns={50} rows={12} minColumns={60} minRows={18} latest={observation(null, 'refused')} />).lastFrame());
		expect(frame[0]).toBe('Terminal too small: 50x12, needs 60x18.');
		expect(frame[2]).toBe('[FAIL] no answer');
	});
});
