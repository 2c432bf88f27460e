import {spawn} from 'node:child_process';
import {once} from 'node:events';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {DEFAULT_PLACEHOLDERS, SYSTEMD_RUNBOOK, fillStep} from '../../checks/runbooks.js';
import {killAllRunningGroups, runningGroups} from '../../source/remediation/process-groups.js';
import {StepRunner} from '../../source/remediation/step-runner.js';
import {eventually, isAlive, liveInGroup, makeStandIns, type StandIns} from './stand-ins.js';

let standIns: StandIns | undefined;
afterEach(() => {
	killAllRunningGroups(0);
	standIns?.cleanup();
});

const watch = SYSTEMD_RUNBOOK.steps.find(step => step.id === 'metrics-watch')!;

describe('killAllRunningGroups', () => {
	it('ends every running group synchronously, SIGKILL for those ignoring SIGTERM', async () => {
		standIns = makeStandIns();
		const runner = new StepRunner({env: standIns.env({STANDIN_MODE: 'stubborn'})});
		runner.start({environment: 'systemd', step: watch, command: fillStep(watch, DEFAULT_PLACEHOLDERS)});
		expect(await eventually(() => standIns!.grandchildPids().length === 1)).toBe(true);
		const pid = standIns.records()[0]!.pid;
		expect(killAllRunningGroups(100)).toBe(1);
		expect(runningGroups()).toEqual([]);
		expect(await eventually(() => liveInGroup(pid).length === 0)).toBe(true);
		expect(isAlive(standIns.grandchildPids()[0]!)).toBe(false);
		expect((await runner.whenIdle())?.signal).toBe('SIGKILL');
	});

	it('returns 0 when nothing runs', () => {
		expect(killAllRunningGroups()).toBe(0);
	});

	for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
		it(`leaves no process when the app quits on ${signal} during a step`, async () => {
			standIns = makeStandIns();
			const app = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures/quit-during-step.ts')], {
				env: standIns.env({STANDIN_MODE: 'grandchild'}),
				cwd: path.resolve(import.meta.dirname, '../..'),
				stdio: ['ignore', 'pipe', 'inherit'],
			});
			try {
				let out = '';
				app.stdout.on('data', chunk => (out += chunk));
				expect(await eventually(() => out.includes('ready'), 15_000)).toBe(true);
				const pid = standIns.records()[0]!.pid;
				const grandchild = standIns.grandchildPids()[0]!;
				expect(isAlive(grandchild)).toBe(true);
				app.kill(signal);
				const [code] = await once(app, 'exit');
				expect(code).toBe(signal === 'SIGTERM' ? 143 : 129);
				expect(await eventually(() => liveInGroup(pid).length === 0)).toBe(true);
				expect(isAlive(grandchild)).toBe(false);
			} finally {
				if (app.exitCode === null) app.kill('SIGKILL');
			}
		});
	}
});
