// The spec's "How to Fix" section as data: one runbook per environment, every command in the
// spec's order, as argv templates. Where a command has to differ from the spec (no terminal,
// no shell) the step says so in its note.

import type {EnvironmentId, Placeholders} from './types.js';
import type {Runbook, RunbookStep} from './runbook.js';
import {commandLineOf, fillStep, formatCommandLine} from './runbook.js';
import {tokenServiceCheck} from './token-service.js';

export {fillStep, formatCommandLine, formatFilledCommand, commandLineOf} from './runbook.js';

/** The spec's values. */
export const DEFAULT_PLACEHOLDERS: Placeholders = Object.freeze({
	composeFile: 'devops/compose/docker-compose.stella-ops.yml',
	composeService: 'authority',
	namespace: 'stellaops',
	selector: 'app.kubernetes.io/component=authority',
	deployment: 'stellaops-authority',
	replicas: '3',
	authorityUrl: 'http://localhost:80/connect/token',
});

const NO_TTY_NOTE =
	'exec -T: steps run without a terminal, so no pseudo-TTY is requested (the spec\'s command asks for one)';

const compose = (...rest: string[]): string[] => ['docker', 'compose', '-f', '{composeFile}', ...rest];

function step(
	id: string,
	label: string,
	argv: readonly string[],
	extra: Partial<Pick<RunbookStep, 'pipeTo' | 'changesState' | 'longRunning' | 'note'>> = {},
): RunbookStep {
	return Object.freeze({id, label, argv: Object.freeze([...argv]), changesState: false, longRunning: false, ...extra});
}

export const COMPOSE_RUNBOOK: Runbook = Object.freeze({
	environment: 'compose',
	title: 'Docker Compose',
	steps: Object.freeze([
		step('status', 'Check Authority service status', compose('ps', '{composeService}')),
		step('logs', 'View Authority service logs', compose('logs', '{composeService}', '--tail', '200')),
		step('restart', 'Restart Authority service', compose('restart', '{composeService}'), {changesState: true}),
		step(
			'test-endpoint',
			'Test token endpoint directly',
			compose('exec', '-T', '{composeService}', 'curl', '-s', '-o', '/dev/null', '-w', '%{http_code} %{time_total}s', '{authorityUrl}'),
			{note: NO_TTY_NOTE},
		),
		step(
			'db-connectivity',
			'Check database connectivity',
			compose('exec', '-T', '{composeService}', 'stella', 'doctor', 'run', '--check', 'check.storage.postgres'),
			{note: NO_TTY_NOTE},
		),
	]),
});

export const SYSTEMD_RUNBOOK: Runbook = Object.freeze({
	environment: 'systemd',
	title: 'Bare Metal / systemd',
	steps: Object.freeze([
		step('status', 'Check authority service status', ['stella', 'auth', 'status']),
		step('restart', 'Restart authority service', ['stella', 'service', 'restart', 'authority'], {changesState: true}),
		step('db-connectivity', 'Check database connectivity', ['stella', 'doctor', 'run', '--check', 'check.storage.postgres']),
		step('metrics', 'Monitor service metrics', ['stella', 'auth', 'metrics', '--period', '1h']),
		step('db-performance', 'Review database performance', ['stella', 'doctor', 'run', '--check', 'check.storage.performance']),
		step('metrics-watch', 'Watch metrics in real-time (warning-level slowness)', ['stella', 'auth', 'metrics', '--watch'], {
			longRunning: true,
			note: 'runs until cancelled (x) or the long-step timeout',
		}),
	]),
});

const byComponent = ['-l', '{selector}', '-n', '{namespace}'] as const;

export const KUBERNETES_RUNBOOK: Runbook = Object.freeze({
	environment: 'kubernetes',
	title: 'Kubernetes / Helm',
	steps: Object.freeze([
		step('pods', 'Check authority pod status', ['kubectl', 'get', 'pods', ...byComponent]),
		step('logs', 'View pod logs', ['kubectl', 'logs', ...byComponent, '--tail=200']),
		step('top', 'Check resource usage', ['kubectl', 'top', 'pods', ...byComponent]),
		step('rollout-restart', 'Restart authority pods', ['kubectl', 'rollout', 'restart', 'deployment/{deployment}', '-n', '{namespace}'], {
			changesState: true,
		}),
		step('scale', 'Scale up if under load', ['kubectl', 'scale', 'deployment', '{deployment}', '--replicas={replicas}', '-n', '{namespace}'], {
			changesState: true,
		}),
		step('probes', 'Check liveness/readiness probe status', ['kubectl', 'describe', 'pod', ...byComponent], {
			pipeTo: ['grep', '-A5', 'Liveness\\|Readiness'],
			note:
				'two processes joined by a pipe, no shell; the exit status is kubectl\'s when it fails, ' +
				'else grep\'s (1: no probe lines found)',
		}),
	]),
});

export const BUILTIN_RUNBOOKS: readonly Runbook[] = Object.freeze([COMPOSE_RUNBOOK, SYSTEMD_RUNBOOK, KUBERNETES_RUNBOOK]);

/**
 * Every runbook on offer, in switching order. `extra` (the demo's runbook) replaces a
 * built-in of the same environment or is appended.
 */
export function listRunbooks(extra: readonly Runbook[] = []): Runbook[] {
	const list = BUILTIN_RUNBOOKS.map(builtin => extra.find(runbook => runbook.environment === builtin.environment) ?? builtin);
	for (const runbook of extra) if (!list.includes(runbook)) list.push(runbook);
	return list;
}

export function runbookFor(environment: EnvironmentId, extra: readonly Runbook[] = []): Runbook | undefined {
	return listRunbooks(extra).find(runbook => runbook.environment === environment);
}

/** The environment after `current` in switching order (wraps around). */
export function nextEnvironment(current: EnvironmentId, extra: readonly Runbook[] = []): EnvironmentId {
	const environments = listRunbooks(extra).map(runbook => runbook.environment);
	const index = environments.indexOf(current);
	return environments[(index + 1) % environments.length] ?? current;
}

// ---- --print-runbook ------------------------------------------------------------------

export interface PrintedStep {
	readonly number: number;
	readonly id: string;
	readonly label: string;
	readonly changesState: boolean;
	readonly longRunning: boolean;
	readonly argv: readonly string[];
	readonly pipeTo: readonly string[] | null;
	readonly commandLine: string;
	readonly note: string | null;
}

export interface PrintedRunbook {
	readonly checkId: string;
	readonly environment: EnvironmentId;
	readonly title: string;
	readonly steps: readonly PrintedStep[];
	readonly verification: string;
}

export function printableRunbook(runbook: Runbook, placeholders: Placeholders): PrintedRunbook {
	return {
		checkId: tokenServiceCheck.id,
		environment: runbook.environment,
		title: runbook.title,
		steps: runbook.steps.map((item, index) => {
			const filled = fillStep(item, placeholders);
			return {
				number: index + 1,
				id: item.id,
				label: item.label,
				changesState: item.changesState,
				longRunning: item.longRunning,
				argv: filled.argv,
				pipeTo: filled.pipeTo,
				commandLine: commandLineOf(item, placeholders),
				note: item.note ?? null,
			};
		}),
		verification: formatCommandLine(tokenServiceCheck.verification),
	};
}

/** Plain text for a ticket: a comment line per step, then the command, as in the spec. */
export function formatRunbookText(runbooks: readonly Runbook[], placeholders: Placeholders): string {
	const blocks = runbooks.map(runbook => {
		const printed = printableRunbook(runbook, placeholders);
		const lines = [`# ${printed.checkId} · ${printed.title} (${printed.environment})`, ''];
		for (const item of printed.steps) {
			const flags = [item.changesState ? 'changes state' : '', item.longRunning ? 'runs until cancelled' : '']
				.filter(Boolean)
				.join(', ');
			lines.push(`# ${item.number}. ${item.label}${flags ? ` [${flags}]` : ''}`);
			if (item.note) lines.push(`#    note: ${item.note}`);
			lines.push(item.commandLine, '');
		}
		lines.push('# Verify', printed.verification);
		return lines.join('\n');
	});
	return blocks.join('\n\n') + '\n';
}

/** One JSON document: the filled runbooks, their argv arrays and the placeholder values. */
export function formatRunbookJson(runbooks: readonly Runbook[], placeholders: Placeholders): string {
	return (
		JSON.stringify(
			{
				checkId: tokenServiceCheck.id,
				placeholders,
				runbooks: runbooks.map(runbook => printableRunbook(runbook, placeholders)),
			},
			null,
			2,
		) + '\n'
	);
}
