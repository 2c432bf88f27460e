import {writeFileSync} from 'node:fs';
import React from 'react';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import type {Runbook} from '../../../checks/runbook.js';
import type {EnvironmentId} from '../../../checks/types.js';
import {encodeOsc52} from '../../../source/remediation/osc52.js';
import {StepRunner, type RunRecord, type RunRequest} from '../../../source/remediation/step-runner.js';
import {eventually, liveInGroup, makeStandIns, type StandIns} from '../../remediation/stand-ins.js';
import {displayWidth} from '../../../source/ui/text-fit.js';
import {Harness} from './harness.js';

const ENTER = '\r';
const ESC = '\u001b';
const DOWN = '\u001b[B';
const UP = '\u001b[A';

let standIns: StandIns;
let runner: StepRunner;
let app: ReturnType<typeof render> | undefined;

afterEach(async () => {
	app?.unmount();
	app = undefined;
	await runner?.dispose();
	standIns?.cleanup();
});

interface Setup {
	environment?: EnvironmentId;
	readOnly?: boolean;
	mode?: string;
	extra?: readonly Runbook[];
	height?: number;
	env?: NodeJS.ProcessEnv;
	/** More settings for the stand-ins (e.g. STANDIN_COUNT). */
	standIn?: Record<string, string>;
}

function setup(options: Setup = {}) {
	standIns = makeStandIns();
	runner = new StepRunner({env: options.env ?? standIns.env({STANDIN_MODE: options.mode ?? 'ok', ...options.standIn}), graceMs: 300});
	const terminal: string[] = [];
	const started: RunRequest[] = [];
	const finished: RunRecord[] = [];
	const unhandled: string[] = [];
	app = render(
		<Harness
			runner={runner}
			initialEnvironment={options.environment ?? 'compose'}
			readOnly={options.readOnly}
			extra={options.extra}
			height={options.height}
			terminal={terminal}
			started={started}
			finished={finished}
			unhandled={unhandled}
		/>,
	);
	return {app, terminal, started, finished, unhandled};
}

const frame = (): string => app?.lastFrame() ?? '';

/** Waits until the frame satisfies `check` (React and Ink render asynchronously); throws if it never does. */
async function until(check: (text: string) => boolean, ms = 3000): Promise<string> {
	if (!(await eventually(() => check(frame()), ms))) throw new Error(`the frame never matched; last frame:\n${frame()}`);
	return frame();
}

async function press(...keys: string[]): Promise<void> {
	for (const key of keys) {
		app!.stdin.write(key);
		// A lone ESC is only recognised after the next tick: give every key two.
		await new Promise(resolve => setImmediate(resolve));
		await new Promise(resolve => setImmediate(resolve));
	}
}

const selectedLine = (text: string): string | undefined => text.split('\n').find(line => line.startsWith('›'));

describe('runbook panel', () => {
	it('lists the steps numbered and moves the selection with arrows and j/k', async () => {
		setup({environment: 'kubernetes'});
		expect(await until(text => text.includes('6 Check liveness/readiness probe status'))).toContain('1 Check authority pod status');
		expect(selectedLine(frame())).toContain('1 Check authority pod status');
		await press(DOWN, 'j');
		expect(selectedLine(await until(text => selectedLine(text)?.includes('3 ') ?? false))).toContain('3 Check resource usage');
		await press('k', UP, UP);
		expect(selectedLine(await until(text => selectedLine(text)?.includes('1 ') ?? false))).toContain('1 Check authority pod status');
		expect(frame()).toContain('$ kubectl get pods -l app.kubernetes.io/component=authority -n stellaops');
		expect(frame()).toMatch(/4 Restart authority pods \[changes state\]/);
	});

	it('runs a read-only step on Enter and streams its output, then exit code and duration', async () => {
		const {finished} = setup();
		await until(text => text.includes('Runbook'));
		await press(ENTER);
		const text = await until(value => value.includes('exit 0'));
		expect(text).toContain('docker ok: compose -f devops/compose/docker-compose.stella-ops.yml ps authority');
		expect(text).toMatch(/Output · Check Authority service status · exit 0 · \d+ ms/);
		expect(standIns.records().map(r => r.args)).toEqual([['compose', '-f', 'devops/compose/docker-compose.stella-ops.yml', 'ps', 'authority']]);
		expect(finished).toHaveLength(1);
	});

	it('asks before a restart, No by default: Enter leaves it unrun, y runs the exact argv', async () => {
		const {started} = setup();
		await until(text => text.includes('Runbook'));
		await press('3');
		const asked = await until(text => text.includes('Run step 3?'));
		// Wrapped between words with a shell continuation, so a hand copy is still one command.
		expect(asked).toContain('│ docker compose -f devops/compose/docker-compose.stella-ops.yml restart \\');
		expect(asked).toContain('│   authority ');
		expect(asked).toContain('(default: No)');
		await press(ENTER);
		expect(await until(text => text.includes('Not run: 3'))).not.toContain('Run step 3?');
		expect(started).toEqual([]);

		await press('3', 'n');
		await until(text => text.includes('Not run: 3'));
		await press('3', 'y');
		await until(text => text.includes('exit 0'));
		expect(standIns.records().map(r => [r.name, ...r.args])).toEqual([
			['docker', 'compose', '-f', 'devops/compose/docker-compose.stella-ops.yml', 'restart', 'authority'],
		]);
	});

	it('a confirmation taller than the section gets every row, the command cut with a note, nothing drawn over anything', async () => {
		const wide = '設定'.repeat(120);
		const demo: Runbook = {
			environment: 'demo',
			title: 'Demo Authority',
			steps: [{id: 'restart', label: 'Restart with a long file name', argv: ['stella', 'restart', `/srv/${wide}.yml`], changesState: true, longRunning: false}],
		};
		const {started} = setup({extra: [demo], environment: 'demo', height: 8});
		await until(text => text.includes('Runbook · Demo Authority'));
		await press('1');
		const asked = await until(text => text.includes('Run step 1?'));
		// The harness's own first row says which environment is on; the section is the rest.
		const rows = asked.split('\n').slice(1);
		expect(rows.length).toBeLessThanOrEqual(8);
		expect(rows[0]).toMatch(/^╭─+╮$/);
		expect(rows[1]).toContain('Run step 1? Restart with a long file name');
		expect(asked).toMatch(/… \d+ more rows: make the terminal taller/);
		expect(rows.at(-2)).toContain('y run · n/Enter/Esc do not run');
		for (const row of rows) expect(displayWidth(row), row).toBeLessThanOrEqual(80);
		await press(ESC);
		await until(text => text.includes('Not run: 1'));
		expect(started).toEqual([]);
	});

	it('Esc cancels the confirmation', async () => {
		const {started} = setup({environment: 'kubernetes'});
		await until(text => text.includes('Runbook'));
		await press('5');
		await until(text => text.includes('Run step 5?'));
		expect(frame()).toContain('kubectl scale deployment stellaops-authority --replicas=3 -n stellaops');
		await press(ESC);
		expect(await until(text => text.includes('Not run: 5'))).not.toContain('Run step 5?');
		expect(started).toEqual([]);
		expect(standIns.records()).toEqual([]);
	});

	it('shows state-changing steps locked in read-only mode and never runs them', async () => {
		const {started} = setup({environment: 'kubernetes', readOnly: true});
		const text = await until(value => value.includes('Runbook'));
		expect(text).toContain('read-only');
		expect(text).toContain('4 Restart authority pods [locked]');
		expect(text).toContain('5 Scale up if under load [locked]');
		await press('4');
		expect(await until(value => value.includes('Locked in read-only mode: 4 Restart authority pods'))).not.toContain('Run step 4?');
		await press(ENTER, 'y');
		expect(started).toEqual([]);
		// Read-only steps still run.
		await press('1');
		await until(value => value.includes('exit 0'));
		expect(standIns.records().map(r => r.args[0])).toEqual(['get']);
	});

	it('switches environment with e, cycling through all runbooks', async () => {
		const demo: Runbook = {environment: 'demo', title: 'Demo Authority', steps: [{id: 'noop', label: 'Do nothing', argv: ['stella', 'noop'], changesState: false, longRunning: false}]};
		setup({extra: [demo]});
		await until(text => text.includes('Runbook · Docker Compose'));
		await press('j', 'e');
		const systemd = await until(text => text.includes('Runbook · Bare Metal / systemd'));
		expect(systemd).toContain('env=systemd');
		// The selection starts over in the new runbook.
		expect(selectedLine(systemd)).toContain('1 Check authority service status');
		await press('e');
		await until(text => text.includes('Runbook · Kubernetes / Helm'));
		await press('e');
		await until(text => text.includes('Runbook · Demo Authority'));
		await press('e');
		expect(await until(text => text.includes('Runbook · Docker Compose'))).toContain('env=compose');
	});

	it('copies the selected command line with OSC 52 and shows it', async () => {
		const {terminal} = setup({environment: 'kubernetes'});
		await until(text => text.includes('Runbook'));
		await press('j', 'c');
		const text = await until(value => value.includes('copied:'));
		const line = 'kubectl logs -l app.kubernetes.io/component=authority -n stellaops --tail=200';
		expect(terminal).toEqual([encodeOsc52(line)]);
		expect(text).toContain('copied: kubectl logs -l app.kubernetes.io/component=authority -n stellaops \\\n  --tail=200');
	});

	it('cancels a watch step with x and leaves no process', async () => {
		setup({environment: 'systemd', mode: 'watch'});
		await until(text => text.includes('Runbook'));
		await press('6');
		await until(text => text.includes('tick 2') && text.includes('running'));
		const row = selectedLine(frame())!;
		expect(row).toMatch(/^› 6 Watch metrics in real-time .*… \[until cancelled\] ● running$/);
		expect([...row].length).toBeLessThanOrEqual(80);
		expect(frame()).toContain('· ● running');
		expect(frame()).toContain('· x cancel');
		const pid = standIns.records()[0]!.pid;
		await press('1');
		expect(await until(text => text.includes('A step is running: x cancels it'))).toBeTruthy();
		await press('x');
		expect(await until(text => text.includes('cancelled after'))).toMatch(/Output · Watch metrics .* · cancelled after/);
		expect(await eventually(() => liveInGroup(pid).length === 0)).toBe(true);
		expect(standIns.records()).toHaveLength(1);
	});

	it('"a step is running" goes away when the step ends, without another key', async () => {
		setup({mode: 'gated'});
		await until(text => text.includes('Runbook'));
		await press('1');
		await until(text => text.includes('first') && text.includes('running'));
		await press('2');
		await until(text => text.includes('A step is running: x cancels it'));
		writeFileSync(standIns.gateFile, '');
		expect(await until(text => text.includes('exit 0'))).toContain('second');
		expect(await eventually(() => !frame().includes('A step is running'))).toBe(true);
	});

	it('shows a missing program as one line without breaking anything', async () => {
		setup({environment: 'kubernetes', env: {PATH: '/nonexistent'}});
		await until(text => text.includes('Runbook'));
		await press('1');
		const text = await until(value => value.includes('not found on PATH'));
		expect(text.split('\n').filter(line => line.includes('kubectl: not found on PATH'))).toHaveLength(2);
		await press('j');
		expect(selectedLine(await until(value => selectedLine(value)?.includes('2 ') ?? false))).toContain('2 View pod logs');
	});

	it('leaves keys it does not own to the app', async () => {
		const {unhandled} = setup();
		await until(text => text.includes('Runbook'));
		await press('q', '?');
		expect(unhandled).toEqual(['q', '?']);
	});

	it('fits 80 columns and the given height', async () => {
		setup({environment: 'compose', height: 12});
		await until(text => text.includes('Runbook'));
		await press('4');
		await until(text => text.includes('exit 0'));
		for (const height of [12]) {
			const lines = frame().split('\n');
			// One line of harness above the section.
			expect(lines.length - 1).toBeLessThanOrEqual(height);
			for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
		}
	});

	it('scrolls a long output with [ ] { } and follows the newest again with }', async () => {
		setup({environment: 'compose', mode: 'many', standIn: {STANDIN_COUNT: '50'}});
		await until(text => text.includes('Runbook'));
		await press('1');
		const shows = (text: string, n: number) => new RegExp(`^line ${n}\\s*$`, 'm').test(text);
		let text = await until(value => value.includes('exit 0') && shows(value, 50));
		// The default 16 rows leave the output 8: title, command, position and 5 lines.
		expect(text).toContain('lines 46–50 of 50 · [ older');
		expect(text).toContain('[ ] scroll output');
		await press('[');
		text = await until(value => value.includes('lines 41–45 of 50'));
		expect(shows(text, 41) && shows(text, 45)).toBe(true);
		expect(shows(text, 50)).toBe(false);
		expect(text).toContain('[ older · ] newer');
		await press('{');
		text = await until(value => value.includes('lines 1–5 of 50'));
		expect(shows(text, 1)).toBe(true);
		expect(text).toContain('lines 1–5 of 50 · ] newer');
		await press(']');
		text = await until(value => value.includes('lines 6–10 of 50'));
		expect(shows(text, 6)).toBe(true);
		await press('}');
		text = await until(value => value.includes('lines 46–50 of 50'));
		expect(shows(text, 50) && !shows(text, 10)).toBe(true);
		// A new step starts following again even after scrolling up.
		await press('{', '1');
		text = await until(value => value.includes('lines 46–50 of 50') && value.includes('exit 0'));
		expect(shows(text, 50)).toBe(true);
	});

	it('keeps a scrolled view still while a step streams', async () => {
		setup({environment: 'systemd', mode: 'watch'});
		await until(text => text.includes('Runbook'));
		await press('6');
		await until(value => /^tick 12\s*$/m.test(value));
		await press('{');
		const total = (text: string) => Number(/lines \d+–\d+ of (\d+)/.exec(text)?.[1] ?? 0);
		const scrolled = await until(value => value.includes('lines 1–5 of') && value.includes('] newer'));
		// More lines arrive; the view stays on the oldest ones.
		const later = await until(value => total(value) >= total(scrolled) + 3);
		expect(later).toContain('lines 1–5 of');
		expect(later).toMatch(/^tick 1\s*$/m);
		expect(later).not.toMatch(new RegExp(`^tick ${total(later)}\\s*$`, 'm'));
		await press('}');
		await until(value => !value.includes('] newer') && value.includes('[ older'));
		await press('x');
		await until(value => value.includes('cancelled after'));
	});
});
