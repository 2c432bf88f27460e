import React, {useState} from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {Text} from 'ink';
import {tokenServiceCheck} from '../../checks/token-service.js';
import {createMonitor, type Monitor} from '../../source/monitor/monitor.js';
import {App} from '../../source/ui/app.js';
import type {UseExtensions} from '../../source/ui/extensions.js';
import {createFakeTime, type FakeTime} from '../monitor/fake-time.js';
import {createProbeDouble, ENDPOINT, type ProbeDouble} from '../monitor/probe-double.js';
import {lines, renderUi, stripAnsi, tick, widest} from './helpers.js';

let stops: (() => void)[] = [];
afterEach(() => {
	cleanup();
	for (const stop of stops) stop();
	stops = [];
});

interface Setup {
	time: FakeTime;
	probe: ProbeDouble;
	monitor: Monitor;
	quits: () => number;
	ui: ReturnType<typeof renderUi>;
}

async function setup(
	options: {columns?: number; rows?: number; answers?: (number | null)[]; useExtensions?: UseExtensions; ascii?: boolean; onRepaint?: () => void} = {},
): Promise<Setup> {
	const time = createFakeTime();
	const probe = createProbeDouble(time.now);
	const monitor = createMonitor({endpoint: ENDPOINT, intervalMs: 1000, probe: probe.probe, clock: time.clock, timers: time.timers});
	stops.push(() => monitor.stop());
	let quits = 0;
	monitor.start();
	for (const ms of options.answers ?? [40]) {
		await time.advance(ms === null ? 5 : Math.min(ms, 999));
		probe.answer(ms, ms === null ? 'connect ECONNREFUSED 127.0.0.1:9' : null);
		await time.advance(1000 - (ms === null ? 5 : Math.min(ms, 999)));
	}
	const ui = renderUi(
		<App
			monitor={monitor}
			columns={options.columns ?? 80}
			rows={options.rows ?? 24}
			onQuit={() => quits++}
			onRepaint={options.onRepaint}
			mode="reachability"
			useExtensions={options.useExtensions}
		/>,
		{now: time.now(), ascii: options.ascii},
	);
	await tick();
	return {time, probe, monitor, quits: () => quits, ui};
}

const text = (ui: Setup['ui']) => stripAnsi(ui.lastFrame() ?? '');

describe('App layout', () => {
	it('fits 80x24 in 23 lines with status, chart, evidence, stats and key bar', async () => {
		const {ui} = await setup({answers: [40, 42, 734]});
		const frame = lines(ui.lastFrame());
		expect(frame).toHaveLength(23);
		expect(widest(ui.lastFrame())).toBeLessThanOrEqual(80);
		expect(frame[0]).toContain('check.auth.token-service');
		expect(frame[1]).toMatch(/^\[WARN\] 734 ms/);
		expect(frame[2]).toMatch(/Response time/);
		expect(frame.join('\n')).toContain('── Evidence');
		expect(frame.join('\n')).toMatch(/since start +40/);
		expect(frame.join('\n')).toContain('14:00:02');
		expect(frame[22]).toBe('r probe now  p pause  ? help  q quit');
	});

	it('uses 120x40: a wider chart and more timeline, in 39 lines', async () => {
		const answers = [40, 734, 40, null, 40, 2500, 40];
		const small = await setup({answers});
		const large = await setup({answers, columns: 120, rows: 40});
		const frame = lines(large.ui.lastFrame());
		expect(frame).toHaveLength(39);
		expect(widest(large.ui.lastFrame())).toBeLessThanOrEqual(120);
		const changes = (ui: Setup['ui']) => (text(ui).match(/\d\d:\d\d:\d\d (PASS|WARN|FAIL)/g) ?? []).length;
		expect(changes(large.ui)).toBe(7);
		expect(changes(small.ui)).toBeLessThan(7);
		const plotRows = (ui: Setup['ui']) => lines(ui.lastFrame()).filter(line => /^ *(\S+ )?[\d.k]+[┤┼]|^ *(warn|crit|↑crit) \d+[┤┼]/.test(line)).length;
		expect(plotRows(large.ui)).toBeGreaterThan(plotRows(small.ui));
	});

	it('says it is too small below the minimum size', async () => {
		const {ui} = await setup({columns: 50, rows: 12});
		expect(lines(ui.lastFrame())[0]).toBe('Terminal too small: 50x12, needs 60x18.');
	});

	it('stays readable without colour: no escape sequences, every state in words', async () => {
		const {ui} = await setup({answers: [40, null]});
		expect(ui.lastFrame()).not.toMatch(/\u001b/);
		expect(text(ui)).toMatch(/\[FAIL\] no answer/);
		expect(text(ui)).toMatch(/× failed/);
	});

	it('draws nothing but ASCII in ASCII mode', async () => {
		const {ui} = await setup({answers: [40, 734, null, 2500], ascii: true});
		expect(ui.lastFrame()).toMatch(/^[\x20-\x7e\n]*$/);
	});
});

describe('App keys', () => {
	it('r probes now', async () => {
		const {ui, probe, time} = await setup();
		await tick();
		expect(probe.calls()).toBe(2); // the scheduled one after the first interval is in flight
		probe.answer(40);
		await tick();
		ui.stdin.write('r');
		await tick();
		expect(probe.calls()).toBe(3);
		// The sign shows once the probe has been out for a moment (not during a fast one).
		await time.advance(300);
		await tick();
		expect(text(ui)).toContain('● probing');
	});

	it('p pauses and resumes, clearly shown', async () => {
		const {ui, probe, time} = await setup();
		probe.answer(40);
		await tick();
		ui.stdin.write('p');
		await tick();
		expect(lines(ui.lastFrame())[1]).toContain('‖ PAUSED');
		expect(lines(ui.lastFrame()).at(-1)).toContain('p resume');
		await time.advance(10_000);
		expect(probe.calls()).toBe(2);
		ui.stdin.write('p');
		await tick();
		expect(lines(ui.lastFrame())[1]).not.toContain('PAUSED');
		expect(probe.calls()).toBe(3);
	});

	it('? shows help with the causes for the current level; ? and Esc close it', async () => {
		const {ui} = await setup({answers: [40, 900]});
		ui.stdin.write('?');
		await tick();
		expect(text(ui)).toContain('Help (WARN)');
		for (const cause of tokenServiceCheck.causes.slow) expect(text(ui)).toContain(cause);
		expect(text(ui)).toContain('check.auth.signing-key');
		expect(lines(ui.lastFrame())).toHaveLength(23);
		ui.stdin.write('?');
		await tick();
		expect(text(ui)).not.toContain('Help (WARN)');
		ui.stdin.write('?');
		await tick();
		ui.stdin.write('\u001b');
		await tick(3);
		expect(text(ui)).not.toContain('Help (WARN)');
		expect(text(ui)).toContain('── Evidence');
	});

	it('? on FAIL shows the failing-service causes', async () => {
		const {ui} = await setup({answers: [null]});
		ui.stdin.write('?');
		await tick();
		expect(text(ui)).toContain('Help (FAIL)');
		expect(text(ui)).toContain('Authority service not running');
	});

	it('keys that arrive together (a slow SSH link) each count; a paste is not taken as keys', async () => {
		const {ui, quits} = await setup();
		ui.stdin.write('p?');
		await tick();
		expect(text(ui)).toContain('Help (PASS)');
		expect(lines(ui.lastFrame())[1]).toContain('‖ PAUSED');
		ui.stdin.write('\u001b');
		await tick(3);
		ui.stdin.write('the quick brown fox');
		await tick();
		expect(quits()).toBe(0);
		ui.stdin.write('pq');
		await tick();
		expect(quits()).toBe(1);
		expect(lines(ui.lastFrame())[1]).not.toContain('PAUSED');
	});

	it('q quits, and Ctrl+C quits', async () => {
		const {ui, quits} = await setup();
		ui.stdin.write('q');
		await tick();
		expect(quits()).toBe(1);
		ui.stdin.write('\u0003');
		await tick();
		expect(quits()).toBe(2);
	});

	it('Ctrl+L asks for a repaint, from the help overlay too, and help lists it', async () => {
		let repaints = 0;
		const {ui, quits} = await setup({onRepaint: () => repaints++});
		ui.stdin.write('\u000c');
		await tick();
		expect(repaints).toBe(1);
		ui.stdin.write('?');
		await tick();
		expect(ui.lastFrame()).toContain('Ctrl+L repaint the screen');
		ui.stdin.write('\u000c');
		await tick();
		expect(repaints).toBe(2);
		expect(quits()).toBe(0);
	});

	it('q quits from the help overlay too', async () => {
		const {ui, quits} = await setup();
		ui.stdin.write('?');
		await tick();
		ui.stdin.write('q');
		await tick();
		expect(quits()).toBe(1);
	});
});

describe('App extensions', () => {
	it('lays out plugged-in panels, shows their key hints, and routes keys to them first (never Ctrl+C)', async () => {
		const seen: string[] = [];
		let context: Parameters<UseExtensions>[0] | null = null;
		const useExtensions: UseExtensions = ctx => {
			context = ctx;
			const [count, setCount] = useState(0);
			return {
				panels: [{id: 'runbook', minRows: 4, maxRows: 6, render: area => <Text>{`runbook panel ${area.width}x${area.height} pressed ${count}`}</Text>}],
				keyHints: [{keys: 'Enter', label: 'run step'}],
				headerItems: ['env compose'],
				handleKey: (input, key) => {
					seen.push(key.ctrl ? `ctrl+${input}` : input);
					if (input === 'q' || input === 'x') {
						setCount(value => value + 1);
						return true;
					}
					return false;
				},
			};
		};
		const {ui, quits, monitor} = await setup({useExtensions});
		expect(text(ui)).toMatch(/runbook panel 80x\d+ pressed 0/);
		expect(lines(ui.lastFrame()).at(-1)).toBe('r probe now  p pause  Enter run step  ? help  q quit');
		expect(lines(ui.lastFrame())[0]).toMatch(/env compose$/);
		expect(lines(ui.lastFrame())).toHaveLength(23);
		ui.stdin.write('x');
		await tick();
		ui.stdin.write('q'); // the panel takes q (a confirmation open, say): no quit
		await tick();
		expect(quits()).toBe(0);
		expect(text(ui)).toMatch(/pressed 2/);
		ui.stdin.write('\u0003');
		await tick();
		expect(quits()).toBe(1);
		expect(seen).toEqual(['x', 'q']);
		// The context lets the extension probe and annotate the timeline.
		expect(context).not.toBeNull();
		context!.note('ran: restart authority (exit 0)');
		await tick();
		expect(monitor.getSnapshot().timeline[0]).toMatchObject({kind: 'note', text: 'ran: restart authority (exit 0)'});
	});
});
