// Issue 4 end to end: the built CLI's runbook panel in a real pseudo-terminal, with stand-ins
// for docker, kubectl and stella FIRST on PATH (the real ones exist on this machine). What is
// asserted is what an operator sees, what the stand-ins were really called with, what the
// audit log says, and which processes are left.

import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {eventually, isAlive, liveInGroup} from '../remediation/stand-ins.js';
import {cliCommand, dialogCommand, ensureBuilt, screenText} from './cli-helpers.js';
import {makeRunbookStandIns, startQuietEndpoint, type QuietEndpoint, type RunbookStandIns} from './runbook-helpers.js';
import {startSession, type Session} from './tui-terminal.js';

let endpoint: QuietEndpoint;
let session: Session | null = null;
let standIns: RunbookStandIns | null = null;

beforeAll(async () => {
	await ensureBuilt();
	endpoint = await startQuietEndpoint();
}, 60_000);

afterAll(async () => {
	await endpoint?.close();
});

afterEach(() => {
	session?.kill();
	session = null;
	standIns?.cleanup();
	standIns = null;
});

const ROWS = 30;

function open(
	environment: string,
	options: {interval?: number; extra?: string[]; columns?: number; rows?: number} = {},
): {s: Session; stand: RunbookStandIns} {
	const stand = makeRunbookStandIns();
	standIns = stand;
	const args = cliCommand(
		'--endpoint',
		endpoint.url,
		'--env',
		environment,
		'--interval',
		String(options.interval ?? 2),
		'--audit-log',
		stand.auditLog,
		...(options.extra ?? []),
	);
	session = startSession(args, {columns: options.columns ?? 80, rows: options.rows ?? ROWS, env: stand.env()});
	return {s: session, stand};
}

/** Probes so far, from the chart's title ("· 1 probe", "· 3 probes over 2 s"). */
const probeCount = (screen: string[]): number => Number(/· (\d+) probes?\b/.exec(screenText(screen))?.[1] ?? 0);

const has = (text: string | RegExp) => (screen: string[]) =>
	typeof text === 'string' ? screenText(screen).includes(text) : text.test(screenText(screen));

/** Quits with q and checks the exit; the screen is back to normal. */
async function quit(s: Session): Promise<void> {
	s.type('q');
	const exit = await s.exited();
	expect(exit.exitCode).toBe(0);
	expect(s.terminal.buffer.active.type).toBe('normal');
}

/** No process of the step's group (the stand-in, its grandchild) is left (a correctness bound). */
async function expectGone(pids: readonly number[], pgid: number): Promise<void> {
	expect(await eventually(() => pids.every(pid => !isAlive(pid)) && liveInGroup(pgid).length === 0, 3000)).toBe(true);
}

interface EnvironmentCase {
	readonly environment: string;
	readonly title: string;
	readonly readStep: {digit: string; label: string; argv: string[]};
	readonly restartStep: {digit: string; label: string; argv: string[]};
}

const CASES: EnvironmentCase[] = [
	{
		environment: 'compose',
		title: 'Docker Compose',
		readStep: {digit: '1', label: 'Check Authority service status', argv: ['docker', 'compose', '-f', 'devops/compose/docker-compose.stella-ops.yml', 'ps', 'authority']},
		restartStep: {
			digit: '3',
			label: 'Restart Authority service',
			argv: ['docker', 'compose', '-f', 'devops/compose/docker-compose.stella-ops.yml', 'restart', 'authority'],
		},
	},
	{
		environment: 'systemd',
		title: 'Bare Metal / systemd',
		readStep: {digit: '1', label: 'Check authority service status', argv: ['stella', 'auth', 'status']},
		restartStep: {digit: '2', label: 'Restart authority service', argv: ['stella', 'service', 'restart', 'authority']},
	},
	{
		environment: 'kubernetes',
		title: 'Kubernetes / Helm',
		readStep: {
			digit: '1',
			label: 'Check authority pod status',
			argv: ['kubectl', 'get', 'pods', '-l', 'app.kubernetes.io/component=authority', '-n', 'stellaops'],
		},
		restartStep: {
			digit: '4',
			label: 'Restart authority pods',
			argv: ['kubectl', 'rollout', 'restart', 'deployment/stellaops-authority', '-n', 'stellaops'],
		},
	},
];

describe('runbook steps from keys, per environment', () => {
	it.each(CASES)(
		'$environment: a read-only step streams; restart asks, n leaves it unrun, y runs the exact argv; audit log; q during a step leaves nothing',
		async ({environment, title, readStep, restartStep}) => {
			const {s, stand} = open(environment);
			let screen = await s.waitFor('runbook panel', has(`Runbook · ${title}`));
			expect(screen[0]).toContain(`env ${environment}`);

			// c copies the selected (first) step's command line: OSC 52 for the terminal, and shown.
			s.type('c');
			await s.waitFor('copied', has(`copied: ${readStep.argv.slice(0, 3).join(' ')}`));
			expect(s.output()).toContain(`\u001b]52;c;${Buffer.from(readStep.argv.join(' ')).toString('base64')}\u0007`);

			// Read-only: runs at once; its first line is on screen while it still runs.
			s.type(readStep.digit);
			screen = await s.waitFor('first line while running', has(/● running[\s\S]*first line :: /));
			expect(screenText(screen)).toContain(`Output · ${readStep.label}`);
			expect(screenText(screen)).toContain(`first line :: ${readStep.argv.join(' ')}`.slice(0, 60));
			stand.openGate();
			screen = await s.waitFor('second line, exit 0', has(/· exit 0 ·[\s\S]*second line :: /));
			expect(stand.records().map(record => [record.name, ...record.args])).toEqual([readStep.argv]);

			// State-changing: the question first, with the exact command line; n leaves it unrun.
			s.type(restartStep.digit);
			screen = await s.waitFor('confirmation', has(`Run step ${restartStep.digit}?`));
			expect(dialogCommand(screen)).toBe(restartStep.argv.join(' '));
			expect(screenText(screen)).toContain('(default: No)');
			s.type('n');
			screen = await s.waitFor('not run', has(`Not run: ${restartStep.digit} ${restartStep.label}`));
			expect(screenText(screen)).not.toContain(`Output · ${restartStep.label}`);
			expect(stand.records()).toHaveLength(1);

			// y runs it, with exactly the spec's argv.
			s.type(restartStep.digit);
			await s.waitFor('confirmation again', has(`Run step ${restartStep.digit}?`));
			s.type('y');
			screen = await s.waitFor('restart ran', has(new RegExp(`Output · ${restartStep.label} · exit 0`)));
			// One restart only: the earlier n ran nothing.
			expect(stand.records().map(record => [record.name, ...record.args])).toEqual([readStep.argv, restartStep.argv]);

			// The audit log: one JSON line per run, argv and exit code.
			expect(await eventually(() => stand.auditEntries().length === 2)).toBe(true);
			const audit = stand.auditEntries();
			expect(audit.map(entry => [entry['environment'], entry['argv'], entry['exitCode'], entry['changesState']])).toEqual([
				[environment, readStep.argv, 0, false],
				[environment, restartStep.argv, 0, true],
			]);

			// Quit while a step runs (it waits on the closed gate): nothing is left.
			stand.closeGate();
			s.type(readStep.digit);
			await s.waitFor('running again', has(/● running[\s\S]*first line :: /));
			// The screen may still show the first run's line while the new process is starting:
			// wait for the stand-in to record this run.
			expect(await eventually(() => stand.records().length === 3)).toBe(true);
			const running = stand.records()[2]!;
			expect(isAlive(running.pid)).toBe(true);
			await quit(s);
			await expectGone([running.pid], running.pid);
		},
		30_000,
	);

	it('systemd: the watch step streams until x cancels it, leaving no process; q during the watch leaves none either', async () => {
		const {s, stand} = open('systemd');
		await s.waitFor('runbook panel', has('Runbook · Bare Metal / systemd'));

		s.type('6');
		let screen = await s.waitFor('ticks stream', has(/● running[\s\S]*tick [3-9]/));
		expect(screenText(screen)).toMatch(/› 6 Watch metrics in real-time .*\[until cancelled\] ● running/);
		expect(screenText(screen)).toContain('$ stella auth metrics --watch');
		await s.waitFor('more ticks', has(/tick (1\d|[2-9]\d)/));
		const [watch] = stand.records();
		expect([watch!.name, ...watch!.args]).toEqual(['stella', 'auth', 'metrics', '--watch']);
		const [grandchild] = stand.grandchildPids();
		expect(isAlive(watch!.pid) && isAlive(grandchild!)).toBe(true);

		s.type('x');
		screen = await s.waitFor('cancelled', has(/Output · Watch metrics .*· cancelled after/));
		await expectGone([watch!.pid, grandchild!], watch!.pid);
		expect(await eventually(() => stand.auditEntries().length === 1)).toBe(true);
		expect(stand.auditEntries()[0]).toMatchObject({argv: ['stella', 'auth', 'metrics', '--watch'], cancelled: true});

		// Again, and quit while it runs.
		s.type('6');
		await s.waitFor('ticks again', has(/● running[\s\S]*tick [3-9]/));
		const second = stand.records()[1]!;
		const secondGrandchild = stand.grandchildPids()[1]!;
		expect(isAlive(second.pid) && isAlive(secondGrandchild)).toBe(true);
		await quit(s);
		await expectGone([second.pid, secondGrandchild], second.pid);
	}, 30_000);

	it('--read-only locks the state-changing steps in every environment (shown, not run); read-only steps still run', async () => {
		// A long interval, so the probe right after the step below is the step's doing; wide
		// and tall, so the timeline has several lines (a slow probe's transition must not hide the run).
		const {s, stand} = open('compose', {interval: 60, extra: ['--read-only'], columns: 120, rows: 36});
		let screen = await s.waitFor('runbook panel', has('Runbook · Docker Compose · read-only'));
		expect(screen[0]).toMatch(/env compose · read-only$/);
		expect(screen[0]!.match(/read-only/g)).toHaveLength(1);

		const locked: Array<{title: string; digit: string; label: string}> = [
			{title: 'Docker Compose', digit: '3', label: 'Restart Authority service'},
			{title: 'Bare Metal / systemd', digit: '2', label: 'Restart authority service'},
			{title: 'Kubernetes / Helm', digit: '4', label: 'Restart authority pods'},
			{title: 'Kubernetes / Helm', digit: '5', label: 'Scale up if under load'},
		];
		let shown = 'Docker Compose';
		for (const step of locked) {
			if (step.title !== shown) {
				s.type('e');
				await s.waitFor(step.title, has(`Runbook · ${step.title} · read-only`));
				shown = step.title;
			}
			s.type(step.digit);
			screen = await s.waitFor('locked notice', has(`Locked in read-only mode: ${step.digit} ${step.label}`));
			expect(screenText(screen)).toMatch(new RegExp(`› ${step.digit} ${step.label}.* \\[locked\\]`));
			expect(screenText(screen)).not.toContain('Run step');
			expect(screenText(screen)).toContain('Output · no step run yet');
		}

		// A read-only step is not locked. Selected with k / ↑ and run with Enter this time.
		stand.openGate();
		for (const [key, selected] of [['k', 4], ['k', 3], ['\u001b[A', 2], ['\u001b[A', 1]] as const) {
			s.type(key);
			await s.waitFor(`step ${selected} selected`, has(new RegExp(`› ${selected} `)));
		}
		const probesBefore = probeCount(await s.waitFor('the first probe', current => probeCount(current) > 0));
		s.type('\r');
		await s.waitFor('read-only step ran', has(/Output · Check authority pod status · exit 0/));
		// On the timeline, and the monitor probed at once to show the step's effect.
		await s.waitFor('the run on the timeline', has(/ran "Check authority pod status" \(kubernetes\)/));
		await s.waitFor('a probe right after the step', current => probeCount(current) > probesBefore);
		expect(stand.records().map(record => [record.name, ...record.args])).toEqual([
			['kubectl', 'get', 'pods', '-l', 'app.kubernetes.io/component=authority', '-n', 'stellaops'],
		]);
		await quit(s);
		expect(stand.auditEntries().map(entry => entry['changesState'])).toEqual([false]);
	}, 30_000);
});
