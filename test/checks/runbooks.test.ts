import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import type {Runbook} from '../../checks/runbook.js';
import {quoteArgument, validatePlaceholders} from '../../checks/runbook.js';
import {
	BUILTIN_RUNBOOKS,
	COMPOSE_RUNBOOK,
	DEFAULT_PLACEHOLDERS,
	KUBERNETES_RUNBOOK,
	SYSTEMD_RUNBOOK,
	commandLineOf,
	fillStep,
	formatCommandLine,
	formatRunbookJson,
	formatRunbookText,
	listRunbooks,
	nextEnvironment,
	runbookFor,
} from '../../checks/runbooks.js';

// The spec's "How to Fix" section, verbatim: comment line, then the command (continuations
// kept as in the spec).
const SPEC = {
	compose: [
		['Check Authority service status', 'docker compose -f devops/compose/docker-compose.stella-ops.yml ps authority'],
		['View Authority service logs', 'docker compose -f devops/compose/docker-compose.stella-ops.yml logs authority --tail 200'],
		['Restart Authority service', 'docker compose -f devops/compose/docker-compose.stella-ops.yml restart authority'],
		[
			'Test token endpoint directly',
			'docker compose -f devops/compose/docker-compose.stella-ops.yml exec authority \\\n  curl -s -o /dev/null -w "%{http_code} %{time_total}s" http://localhost:80/connect/token',
		],
		[
			'Check database connectivity',
			'docker compose -f devops/compose/docker-compose.stella-ops.yml exec authority \\\n  stella doctor run --check check.storage.postgres',
		],
	],
	systemd: [
		['Check authority service status', 'stella auth status'],
		['Restart authority service', 'stella service restart authority'],
		['Check database connectivity', 'stella doctor run --check check.storage.postgres'],
		['Monitor service metrics', 'stella auth metrics --period 1h'],
		['Review database performance', 'stella doctor run --check check.storage.performance'],
		['Watch metrics in real-time (warning-level slowness)', 'stella auth metrics --watch'],
	],
	kubernetes: [
		['Check authority pod status', 'kubectl get pods -l app.kubernetes.io/component=authority -n stellaops'],
		['View pod logs', 'kubectl logs -l app.kubernetes.io/component=authority -n stellaops --tail=200'],
		['Check resource usage', 'kubectl top pods -l app.kubernetes.io/component=authority -n stellaops'],
		['Restart authority pods', 'kubectl rollout restart deployment/stellaops-authority -n stellaops'],
		['Scale up if under load', 'kubectl scale deployment stellaops-authority --replicas=3 -n stellaops'],
		[
			'Check liveness/readiness probe status',
			'kubectl describe pod -l app.kubernetes.io/component=authority -n stellaops | grep -A5 "Liveness\\|Readiness"',
		],
	],
} as const;

/** Just enough of the shell's word splitting for the spec's lines: quotes, `\`-newline, `|`. */
function shellWords(line: string): string[][] {
	const commands: string[][] = [[]];
	let word: string | null = null;
	let quote: '"' | "'" | null = null;
	const text = line.replace(/\\\n/g, ' ');
	for (let i = 0; i < text.length; i++) {
		const char = text[i] as string;
		if (quote === "'") {
			if (char === "'") quote = null;
			else word = (word ?? '') + char;
		} else if (quote === '"') {
			if (char === '"') quote = null;
			else if (char === '\\' && /["\\$`]/.test(text[i + 1] ?? '')) word = (word ?? '') + text[++i];
			else word = (word ?? '') + char;
		} else if (char === '"' || char === "'") {
			quote = char;
			word ??= '';
		} else if (char === ' ') {
			if (word !== null) commands.at(-1)!.push(word);
			word = null;
		} else if (char === '|') {
			if (word !== null) commands.at(-1)!.push(word);
			word = null;
			commands.push([]);
		} else {
			word = (word ?? '') + char;
		}
	}
	if (word !== null) commands.at(-1)!.push(word);
	return commands;
}

/** The spec's argv with the documented adaptation: `exec -T` (no terminal). */
function adapted(words: string[]): string[] {
	const exec = words.indexOf('exec');
	return exec === -1 ? words : [...words.slice(0, exec + 1), '-T', ...words.slice(exec + 1)];
}

const RUNBOOKS: Record<keyof typeof SPEC, Runbook> = {
	compose: COMPOSE_RUNBOOK,
	systemd: SYSTEMD_RUNBOOK,
	kubernetes: KUBERNETES_RUNBOOK,
};

const STATE_CHANGING = {
	compose: ['restart'],
	systemd: ['restart'],
	kubernetes: ['rollout-restart', 'scale'],
};

describe('runbooks against the spec', () => {
	for (const environment of Object.keys(SPEC) as Array<keyof typeof SPEC>) {
		describe(environment, () => {
			const runbook = RUNBOOKS[environment];
			const spec = SPEC[environment];

			it('has every command of the spec, in order, with the spec\'s labels', () => {
				expect(runbook.environment).toBe(environment);
				expect(runbook.steps.map(step => step.label)).toEqual(spec.map(([label]) => label));
			});

			it('fills to exactly the spec\'s argv (with the documented adaptations)', () => {
				runbook.steps.forEach((step, index) => {
					const [first, second] = shellWords(spec[index]![1]);
					const filled = fillStep(step, DEFAULT_PLACEHOLDERS);
					expect(filled.argv).toEqual(adapted(first!));
					expect(filled.pipeTo).toEqual(second ?? null);
					if (filled.argv.includes('exec')) expect(step.note).toMatch(/-T/);
				});
			});

			it('flags exactly the state-changing steps', () => {
				const flagged = runbook.steps.filter(step => step.changesState).map(step => step.id);
				expect(flagged).toEqual(STATE_CHANGING[environment]);
				for (const step of runbook.steps.filter(item => item.changesState)) {
					expect(step.argv.some(arg => /restart|scale/.test(arg))).toBe(true);
				}
			});

			it('leaves no placeholder unfilled', () => {
				for (const step of runbook.steps) {
					const {argv, pipeTo} = fillStep(step, DEFAULT_PLACEHOLDERS);
					// curl's own %{…} variables are the only braces left.
					for (const arg of [...argv, ...(pipeTo ?? [])]) expect(arg.replace(/%\{\w+\}/g, '')).not.toMatch(/[{}]/);
				}
			});
		});
	}

	it('marks only `stella auth metrics --watch` as running until cancelled', () => {
		const long = BUILTIN_RUNBOOKS.flatMap(runbook => runbook.steps.filter(step => step.longRunning).map(step => step.argv.join(' ')));
		expect(long).toEqual(['stella auth metrics --watch']);
	});

	it('has the spec\'s placeholder defaults', () => {
		expect(DEFAULT_PLACEHOLDERS).toEqual({
			composeFile: 'devops/compose/docker-compose.stella-ops.yml',
			composeService: 'authority',
			namespace: 'stellaops',
			selector: 'app.kubernetes.io/component=authority',
			deployment: 'stellaops-authority',
			replicas: '3',
			authorityUrl: 'http://localhost:80/connect/token',
		});
		expect(validatePlaceholders(DEFAULT_PLACEHOLDERS)).toBeNull();
	});
});

describe('fillStep', () => {
	it('keeps hostile values inside one argv element, never re-expanded', () => {
		const hostile = {
			...DEFAULT_PLACEHOLDERS,
			namespace: '; rm -rf /',
			selector: 'app=a b $(id) `id` "q" \'s\'',
			deployment: '{namespace}',
			composeService: 'auth ority',
		};
		const pods = fillStep(KUBERNETES_RUNBOOK.steps[0]!, hostile);
		expect(pods.argv).toEqual(['kubectl', 'get', 'pods', '-l', 'app=a b $(id) `id` "q" \'s\'', '-n', '; rm -rf /']);
		const restart = fillStep(KUBERNETES_RUNBOOK.steps[3]!, hostile);
		expect(restart.argv).toEqual(['kubectl', 'rollout', 'restart', 'deployment/{namespace}', '-n', '; rm -rf /']);
		const status = fillStep(COMPOSE_RUNBOOK.steps[0]!, hostile);
		expect(status.argv.at(-1)).toBe('auth ority');
		expect(status.argv).toHaveLength(6);
	});

	it('fills a placeholder that is only part of an element', () => {
		const scale = fillStep(KUBERNETES_RUNBOOK.steps[4]!, {...DEFAULT_PLACEHOLDERS, replicas: '7'});
		expect(scale.argv).toContain('--replicas=7');
	});
});

describe('formatCommandLine', () => {
	it('quotes by POSIX single-quote rules', () => {
		expect(formatCommandLine(['kubectl', 'get', 'pods', '-n', 'stellaops'])).toBe('kubectl get pods -n stellaops');
		expect(quoteArgument('')).toBe("''");
		expect(quoteArgument('a b')).toBe("'a b'");
		expect(quoteArgument("it's")).toBe("'it'\\''s'");
		expect(quoteArgument('; rm -rf /')).toBe("'; rm -rf /'");
		expect(quoteArgument('Liveness\\|Readiness')).toBe("'Liveness\\|Readiness'");
	});

	it('reads back as the same argv in a real shell (display and copy are exact)', () => {
		const argv = ['printf', '%s\\0', '; rm -rf /', "it's", '$(id)', '`id`', 'a  b', '*', '~', '{a,b}', '"', '\\', ''];
		const out = execFileSync('/bin/sh', ['-c', formatCommandLine(argv)], {encoding: 'utf8'});
		expect(out.split('\0').slice(0, -1)).toEqual(argv.slice(2));
	});

	it('writes the pipeline as a shell would show it', () => {
		expect(commandLineOf(KUBERNETES_RUNBOOK.steps[5]!, DEFAULT_PLACEHOLDERS)).toBe(
			"kubectl describe pod -l app.kubernetes.io/component=authority -n stellaops | grep -A5 'Liveness\\|Readiness'",
		);
	});
});

describe('runbook lookup', () => {
	const demo: Runbook = {
		environment: 'demo',
		title: 'Demo',
		steps: [{id: 'x', label: 'x', argv: ['true'], changesState: false, longRunning: false}],
	};

	it('finds built-ins and extra runbooks by environment', () => {
		expect(runbookFor('kubernetes')).toBe(KUBERNETES_RUNBOOK);
		expect(runbookFor('demo')).toBeUndefined();
		expect(runbookFor('demo', [demo])).toBe(demo);
		expect(listRunbooks([demo]).map(runbook => runbook.environment)).toEqual(['compose', 'systemd', 'kubernetes', 'demo']);
		const override = {...demo, environment: 'compose' as const};
		expect(listRunbooks([override])[0]).toBe(override);
	});

	it('cycles environments in order', () => {
		expect(nextEnvironment('compose')).toBe('systemd');
		expect(nextEnvironment('kubernetes')).toBe('compose');
		expect(nextEnvironment('kubernetes', [demo])).toBe('demo');
		expect(nextEnvironment('demo', [demo])).toBe('compose');
	});
});

describe('--print-runbook formatters', () => {
	it('prints every spec command line, labels and flags as text', () => {
		const text = formatRunbookText([KUBERNETES_RUNBOOK], DEFAULT_PLACEHOLDERS);
		for (const [label, command] of SPEC.kubernetes) {
			expect(text).toContain(label);
			expect(text).toContain(formatCommandLine(shellWords(command)[0]!));
		}
		expect(text).toContain('# 4. Restart authority pods [changes state]');
		expect(text).toContain('stella doctor run --check check.auth.token-service');
		// Every non-comment, non-empty line is a command a person can paste.
		const commands = text.split('\n').filter(line => line !== '' && !line.startsWith('#'));
		expect(commands).toHaveLength(SPEC.kubernetes.length + 1);
	});

	it('prints JSON with argv arrays and the placeholder values', () => {
		const parsed = JSON.parse(formatRunbookJson(BUILTIN_RUNBOOKS, {...DEFAULT_PLACEHOLDERS, namespace: 'ops prod'}));
		expect(parsed.checkId).toBe('check.auth.token-service');
		expect(parsed.placeholders.namespace).toBe('ops prod');
		expect(parsed.runbooks.map((runbook: {environment: string}) => runbook.environment)).toEqual(['compose', 'systemd', 'kubernetes']);
		const scale = parsed.runbooks[2].steps[4];
		expect(scale).toMatchObject({number: 5, id: 'scale', changesState: true, pipeTo: null});
		expect(scale.argv).toEqual(['kubectl', 'scale', 'deployment', 'stellaops-authority', '--replicas=3', '-n', 'ops prod']);
		expect(scale.commandLine).toBe("kubectl scale deployment stellaops-authority --replicas=3 -n 'ops prod'");
	});
});

describe('validatePlaceholders', () => {
	it('rejects values a program would read as options, controls and bad numbers', () => {
		expect(validatePlaceholders({...DEFAULT_PLACEHOLDERS, namespace: '--kubeconfig=/tmp/x'})).toMatch(/namespace/);
		expect(validatePlaceholders({...DEFAULT_PLACEHOLDERS, selector: 'a\u001b[2J'})).toMatch(/control/);
		expect(validatePlaceholders({...DEFAULT_PLACEHOLDERS, replicas: 'three'})).toMatch(/replicas/);
		expect(validatePlaceholders({...DEFAULT_PLACEHOLDERS, deployment: ''})).toMatch(/empty/);
		expect(validatePlaceholders({...DEFAULT_PLACEHOLDERS, authorityUrl: 'localhost'})).toMatch(/authorityUrl/);
		// Odd but harmless: they stay one argv element.
		expect(validatePlaceholders({...DEFAULT_PLACEHOLDERS, namespace: '; rm -rf /'})).toBeNull();
	});
});
