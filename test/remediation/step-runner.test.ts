import {writeFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import type {RunbookStep} from '../../checks/runbook.js';
import {COMPOSE_RUNBOOK, DEFAULT_PLACEHOLDERS, KUBERNETES_RUNBOOK, SYSTEMD_RUNBOOK, fillStep} from '../../checks/runbooks.js';
import type {EnvironmentId} from '../../checks/types.js';
import {runningGroups} from '../../source/remediation/process-groups.js';
import {StepRunner, type RunRecord, type RunRequest, type StepRunnerOptions} from '../../source/remediation/step-runner.js';
import {eventually, isAlive, liveInGroup, makeStandIns, type StandIns} from './stand-ins.js';

let standIns: StandIns;
const runners: StepRunner[] = [];

afterEach(async () => {
	await Promise.all(runners.splice(0).map(runner => runner.dispose()));
	standIns?.cleanup();
});

function setup(mode: Record<string, string> = {}, options: StepRunnerOptions = {}): StepRunner {
	standIns = makeStandIns();
	const runner = new StepRunner({env: standIns.env(mode), graceMs: 300, ...options});
	runners.push(runner);
	return runner;
}

function request(environment: EnvironmentId, step: RunbookStep, placeholders = DEFAULT_PLACEHOLDERS): RunRequest {
	return {environment, step, command: fillStep(step, placeholders)};
}

const step = (runbook: {steps: readonly RunbookStep[]}, id: string): RunbookStep => runbook.steps.find(item => item.id === id)!;

async function run(runner: StepRunner, req: RunRequest): Promise<RunRecord> {
	expect(runner.start(req)).toBe(true);
	return (await runner.whenIdle())!;
}

const texts = (runner: StepRunner): string[] => runner.getState().lines.map(line => line.text);

describe('StepRunner with real processes', () => {
	it('runs the exact argv, streams its output and reports exit code and duration', async () => {
		const runner = setup();
		const finished: RunRecord[] = [];
		runner.onFinished(record => finished.push(record));
		const record = await run(runner, request('compose', step(COMPOSE_RUNBOOK, 'test-endpoint')));
		expect(standIns.records().map(r => [r.name, ...r.args])).toEqual([
			['docker', 'compose', '-f', 'devops/compose/docker-compose.stella-ops.yml', 'exec', '-T', 'authority', 'curl', '-s', '-o', '/dev/null', '-w', '%{http_code} %{time_total}s', 'http://localhost:80/connect/token'],
		]);
		expect(record).toMatchObject({exitCode: 0, signal: null, cancelled: false, timedOut: false, error: null, environment: 'compose', stepId: 'test-endpoint'});
		expect(record.durationMs).toBeGreaterThan(0);
		expect(finished).toEqual([record]);
		expect(runner.getState()).toMatchObject({running: false, result: record});
		expect(texts(runner)[0]).toMatch(/^docker ok: compose -f/);
	});

	it('hands hostile placeholder values to the program as single argv elements', async () => {
		const runner = setup();
		const hostile = {...DEFAULT_PLACEHOLDERS, namespace: '; rm -rf /', selector: 'a b $(touch /tmp/pwned) `id`'};
		await run(runner, request('kubernetes', step(KUBERNETES_RUNBOOK, 'pods'), hostile));
		expect(standIns.records()[0]!.args).toEqual(['get', 'pods', '-l', 'a b $(touch /tmp/pwned) `id`', '-n', '; rm -rf /']);
	});

	it('shows the first line while the process still runs', async () => {
		const runner = setup({STANDIN_MODE: 'gated'});
		runner.start(request('kubernetes', step(KUBERNETES_RUNBOOK, 'logs')));
		expect(await eventually(() => texts(runner).includes('first'))).toBe(true);
		expect(runner.getState().running).toBe(true);
		expect(texts(runner)).toEqual(['first']);
		writeFileSync(standIns.gateFile, '');
		const record = await runner.whenIdle();
		expect(record?.exitCode).toBe(0);
		expect(texts(runner)).toEqual(['first', 'second']);
	});

	it('reports a non-zero exit with stdout and stderr lines', async () => {
		const runner = setup({STANDIN_MODE: 'fail'});
		const record = await run(runner, request('systemd', step(SYSTEMD_RUNBOOK, 'status')));
		expect(record.exitCode).toBe(3);
		expect(runner.getState().lines).toEqual([
			{stream: 'stdout', text: 'partial output'},
			{stream: 'stderr', text: 'stella: something failed'},
		]);
	});

	it('reports a missing program as one line and starts nothing', async () => {
		standIns = makeStandIns(['docker']);
		// Only the stand-ins' folder on PATH: the stand-ins name node by absolute path.
		const runner = new StepRunner({env: {...standIns.env(), PATH: standIns.dir}});
		runners.push(runner);
		const record = await run(runner, request('kubernetes', step(KUBERNETES_RUNBOOK, 'pods')));
		expect(record).toMatchObject({exitCode: null, error: 'kubectl: not found on PATH'});
		expect(runner.getState().lines).toEqual([{stream: 'info', text: 'kubectl: not found on PATH'}]);
		expect(standIns.records()).toEqual([]);
	});

	it('reports an argument the OS cannot take (NUL byte) as one line', async () => {
		const runner = setup();
		const record = await run(runner, request('kubernetes', step(KUBERNETES_RUNBOOK, 'probes'), {...DEFAULT_PLACEHOLDERS, namespace: 'a\0b'}));
		expect(record.error).toMatch(/^kubectl: .*null bytes/);
		expect(runner.getState().lines).toHaveLength(1);
		expect(standIns.records()).toEqual([]);
	});

	it('strips escape sequences and controls from the output', async () => {
		const runner = setup({STANDIN_MODE: 'escapes'});
		await run(runner, request('systemd', step(SYSTEMD_RUNBOOK, 'status')));
		expect(texts(runner)).toEqual(['red text', 'clip', 'title', 'bell and override']);
	});

	it('keeps a bounded ring of lines and cuts very long ones', async () => {
		const runner = setup({STANDIN_MODE: 'many'}, {maxLines: 5});
		await run(runner, request('systemd', step(SYSTEMD_RUNBOOK, 'status')));
		expect(texts(runner)).toEqual(['line 16', 'line 17', 'line 18', 'line 19', 'line 20']);
		expect(runner.getState().droppedLines).toBe(15);

		const long = new StepRunner({env: standIns.env({STANDIN_MODE: 'long'}), maxLineLength: 80});
		runners.push(long);
		await run(long, request('systemd', step(SYSTEMD_RUNBOOK, 'status')));
		expect(texts(long)).toEqual(['x'.repeat(79) + '…', 'after']);
	});

	it('runs one step at a time', async () => {
		const runner = setup({STANDIN_MODE: 'sleep'});
		expect(runner.start(request('systemd', step(SYSTEMD_RUNBOOK, 'status')))).toBe(true);
		expect(runner.start(request('systemd', step(SYSTEMD_RUNBOOK, 'metrics')))).toBe(false);
		expect(await eventually(() => standIns.records().length === 1)).toBe(true);
		runner.cancel();
		await runner.whenIdle();
		expect(standIns.records().map(r => r.args)).toEqual([['auth', 'status']]);
	});

	it('times a step out and ends its whole group', async () => {
		const runner = setup({STANDIN_MODE: 'grandchild'}, {timeoutMs: 400});
		const started = Date.now();
		const record = await run(runner, request('systemd', step(SYSTEMD_RUNBOOK, 'status')));
		expect(record).toMatchObject({timedOut: true, cancelled: false, exitCode: null, signal: 'SIGTERM'});
		expect(Date.now() - started).toBeLessThan(400 + 300 + 2000);
		const [pid] = standIns.records().map(r => r.pid);
		expect(await eventually(() => liveInGroup(pid!).length === 0)).toBe(true);
		expect(standIns.grandchildPids()).toHaveLength(1);
		expect(isAlive(standIns.grandchildPids()[0]!)).toBe(false);
	});

	it('uses the long timeout for a step that runs until cancelled', async () => {
		const runner = setup({STANDIN_MODE: 'watch'}, {timeoutMs: 100, longRunningTimeoutMs: 30_000});
		runner.start(request('systemd', step(SYSTEMD_RUNBOOK, 'metrics-watch')));
		// Past the ordinary timeout it still runs and streams.
		expect(await eventually(() => texts(runner).includes('tick 6'))).toBe(true);
		expect(runner.getState().running).toBe(true);
		runner.cancel();
		expect((await runner.whenIdle())?.cancelled).toBe(true);
	});

	it('cancel ends the step and everything it spawned', async () => {
		const runner = setup({STANDIN_MODE: 'grandchild'});
		runner.start(request('kubernetes', step(KUBERNETES_RUNBOOK, 'logs')));
		expect(await eventually(() => standIns.grandchildPids().length === 1)).toBe(true);
		const [pid] = standIns.records().map(r => r.pid);
		const grandchild = standIns.grandchildPids()[0]!;
		expect(liveInGroup(pid!).sort()).toEqual([pid, grandchild].sort());
		expect(runningGroups()).toContain(pid);
		expect(runner.cancel()).toBe(true);
		const record = await runner.whenIdle();
		expect(record).toMatchObject({cancelled: true, signal: 'SIGTERM'});
		expect(await eventually(() => liveInGroup(pid!).length === 0)).toBe(true);
		expect(await eventually(() => !runningGroups().includes(pid!))).toBe(true);
	});

	it('escalates to SIGKILL when the group ignores SIGTERM', async () => {
		const runner = setup({STANDIN_MODE: 'stubborn'}, {graceMs: 200});
		runner.start(request('systemd', step(SYSTEMD_RUNBOOK, 'metrics-watch')));
		expect(await eventually(() => standIns.grandchildPids().length === 1)).toBe(true);
		const [pid] = standIns.records().map(r => r.pid);
		runner.cancel();
		const record = await runner.whenIdle();
		expect(record).toMatchObject({cancelled: true, signal: 'SIGKILL'});
		expect(await eventually(() => liveInGroup(pid!).length === 0)).toBe(true);
		expect(isAlive(standIns.grandchildPids()[0]!)).toBe(false);
	});

	it('dispose ends a running step and refuses new ones', async () => {
		const runner = setup({STANDIN_MODE: 'grandchild'});
		runner.start(request('compose', step(COMPOSE_RUNBOOK, 'logs')));
		expect(await eventually(() => standIns.grandchildPids().length === 1)).toBe(true);
		const [pid] = standIns.records().map(r => r.pid);
		await runner.dispose();
		expect(await eventually(() => liveInGroup(pid!).length === 0)).toBe(true);
		expect(runner.start(request('compose', step(COMPOSE_RUNBOOK, 'status')))).toBe(false);
	});

	it('leaves nothing behind when a step exits on its own', async () => {
		const runner = setup({STANDIN_MODE: 'orphan'});
		const record = await run(runner, request('systemd', step(SYSTEMD_RUNBOOK, 'restart')));
		expect(record.exitCode).toBe(0);
		const grandchild = standIns.grandchildPids()[0]!;
		expect(await eventually(() => !isAlive(grandchild))).toBe(true);
	});

	it('runs the pipeline as two processes, grep filtering kubectl\'s output', async () => {
		const runner = setup({STANDIN_MODE: 'describe'});
		const record = await run(runner, request('kubernetes', step(KUBERNETES_RUNBOOK, 'probes')));
		expect(standIns.records().map(r => [r.name, ...r.args])).toEqual([
			['kubectl', 'describe', 'pod', '-l', 'app.kubernetes.io/component=authority', '-n', 'stellaops'],
		]);
		expect(record).toMatchObject({exitCode: 0, argv: ['kubectl', 'describe', 'pod', '-l', 'app.kubernetes.io/component=authority', '-n', 'stellaops'], pipeTo: ['grep', '-A5', 'Liveness\\|Readiness']});
		// grep -A5 from the Liveness line: it, Readiness, and five more after Readiness.
		expect(texts(runner).map(line => line.trim().split(/\s+/)[0])).toEqual([
			'Liveness:',
			'Readiness:',
			'Environment:',
			'Mounts:',
			'l1',
			'l2',
			'l3',
		]);
	});

	it('reports kubectl\'s failure in the pipeline, not grep\'s "no match"', async () => {
		const runner = setup({STANDIN_MODE: 'fail'});
		const record = await run(runner, request('kubernetes', step(KUBERNETES_RUNBOOK, 'probes')));
		expect(record.exitCode).toBe(3);
		expect(runner.getState().lines).toContainEqual({stream: 'stderr', text: 'kubectl: something failed'});
		// The stdout line did not match grep's pattern.
		expect(texts(runner)).not.toContain('partial output');
	});

	it('cancels both processes of the pipeline', async () => {
		const runner = setup({STANDIN_KUBECTL: 'watch'});
		runner.start(request('kubernetes', step(KUBERNETES_RUNBOOK, 'probes')));
		expect(await eventually(() => standIns.records().length === 1)).toBe(true);
		const groups = runningGroups();
		expect(groups).toContain(standIns.records()[0]!.pid);
		expect(groups.length).toBeGreaterThanOrEqual(2);
		runner.cancel();
		expect((await runner.whenIdle())?.cancelled).toBe(true);
		for (const pgid of groups) expect(await eventually(() => liveInGroup(pgid).length === 0)).toBe(true);
	});
});
