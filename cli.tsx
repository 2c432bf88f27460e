#!/usr/bin/env node
// Composition root: flags → Config → one of: print a runbook | one-shot report | live monitor
// (full-screen TUI, or plain lines when there is no terminal to draw on). Everything external —
// network, clock, child processes, the terminal — is created here and handed down.

import meow from 'meow';
import {ConfigError, meowFlags, resolveConfig, type Config} from './source/config.js';
import {checkRawArguments, translateMeowError} from './source/config/argv-checks.js';
import {helpText} from './source/help-text.js';
import {formatRunbookJson, formatRunbookText, listRunbooks, runbookFor} from './checks/runbooks.js';
import type {Runbook} from './checks/runbook.js';
import type {EnvironmentId} from './checks/types.js';
import {startDemoAuthority, type DemoAuthority} from './source/demo/authority.js';
import {demoRunbook} from './source/demo/demo-runbook.js';
import {detectEnvironment} from './source/remediation/detect-environment.js';
import {gatherEnvironmentFacts} from './source/remediation/environment-facts.js';
import {runIncident} from './source/demo/incident-script.js';
import {FAULT_ACTIONS} from './source/demo/fault-actions.js';
import {createConfiguredPoller} from './source/metrics/configured-poller.js';
import {fetchFiguresReport, toMetricsSourceConfig} from './source/metrics/figures-report.js';
import {createAuditLog} from './source/remediation/audit-log.js';
import {killAllRunningGroups} from './source/remediation/process-groups.js';
import {StepRunner} from './source/remediation/step-runner.js';
import {createProductExtensions} from './source/ui/product-extensions.js';
import {runTui} from './source/ui/run-tui.js';
import {EXIT_USAGE, runOnce} from './source/once.js';
import {createProber} from './source/probe/prober.js';
import {sanitizeLine} from './source/text/sanitize.js';

const NAME = 'stella-doctor-tui';

function fail(message: string): number {
	process.stderr.write(`${NAME}: ${sanitizeLine(message, 400)}\n`);
	return EXIT_USAGE;
}

async function main(): Promise<number> {
	let cli;
	try {
		checkRawArguments(process.argv.slice(2));
		cli = meow(helpText(), {
			importMeta: import.meta,
			allowUnknownFlags: true,
			flags: meowFlags(),
		});
	} catch (error) {
		if (error instanceof ConfigError) return fail(error.message);
		const translated = translateMeowError(error);
		if (translated) return fail(translated.message);
		throw error;
	}
	if (cli.input.length > 0) return fail(`unexpected argument "${cli.input[0]}" (see --help)`);

	let config: Config;
	try {
		config = resolveConfig(cli.flags, {env: process.env});
	} catch (error) {
		if (error instanceof ConfigError) return fail(error.message);
		throw error;
	}

	if (config.printRunbook) {
		const environment =
			config.printRunbook === 'selected' ? (await chooseEnvironment(config)).environment : config.printRunbook;
		const runbooks = [runbookFor(environment)].filter((runbook): runbook is Runbook => runbook !== undefined);
		process.stdout.write(
			(config.format === 'json' ? formatRunbookJson(runbooks, config.placeholders) : formatRunbookText(runbooks, config.placeholders)) + '\n',
		);
		return 0;
	}

	let authority: DemoAuthority | null = null;
	if (config.demo) {
		authority = await startDemoAuthority();
		config = withDemoAuthority(config, authority);
	}

	const prober = createProber({
		endpoint: config.endpoint,
		timeoutMs: config.timeoutMs,
		credentials: config.credentials,
		ca: config.ca,
		insecure: config.insecure,
		proxy: config.proxy,
	});
	try {
		if (config.once) {
			const metrics = config.metrics;
			return await runOnce(config, {
				prober,
				figures: () => fetchFiguresReport(metrics),
				write: text => process.stdout.write(text),
			});
		}
		return await runMonitor(config, prober, authority);
	} finally {
		await prober.close();
		await authority?.close();
	}
}

/** The live monitor: full screen on a terminal, plain lines otherwise (runTui decides). */
async function runMonitor(config: Config, prober: ReturnType<typeof createProber>, authority: DemoAuthority | null): Promise<number> {
	const chosen = authority ? {environment: 'demo' as const, reason: 'demo Authority'} : await chooseEnvironment(config);
	const extraRunbooks = authority ? [demoRunbook(authority.controlUrl)] : [];
	const secrets = config.credentials ? [config.credentials.clientSecret] : [];

	// Steps get our environment minus the secret: nothing we start needs it, and a child
	// that dumps its environment (env, docker inspect…) must not show it.
	const stepEnv = {...process.env};
	delete stepEnv.STELLA_DOCTOR_CLIENT_SECRET;
	const runner = new StepRunner({env: stepEnv, timeoutMs: config.stepTimeoutMs});
	if (config.auditLog) {
		const audit = createAuditLog(config.auditLog, {secrets});
		runner.onFinished(record => {
			void audit.append(record);
		});
	}
	// Whatever ends the process, no step's process group outlives it.
	process.on('exit', () => killAllRunningGroups(0));

	const metrics = createConfiguredPoller(toMetricsSourceConfig(config.metrics), {
		// The demo's figures should visibly follow the probes' tokens.
		intervalMs: authority ? Math.min(config.metrics.intervalMs, config.intervalMs) : config.metrics.intervalMs,
		onReading: () => {},
	});
	metrics.start();
	let stopIncident: (() => void) | null = null;
	try {
		return await runTui({
			endpoint: config.endpoint,
			intervalMs: config.intervalMs,
			thresholds: config.thresholds,
			mode: config.credentials ? 'client_credentials' : 'reachability',
			probe: () => prober.probe(),
			metrics,
			ascii: config.ascii,
			readOnly: config.readOnly,
			headerItems: [
				...(authority ? [config.demo === 'incident' ? 'DEMO incident' : 'DEMO'] : []),
				...(config.insecure ? ['TLS NOT VERIFIED'] : []),
			],
			useExtensions: createProductExtensions({
				runner,
				placeholders: config.placeholders,
				initialEnvironment: chosen.environment,
				extraRunbooks,
				readOnly: config.readOnly,
				demoFaults: authority ? {apply: action => FAULT_ACTIONS[action](authority)} : undefined,
			}),
			onMonitor: monitor => {
				monitor.note(`runbook environment ${chosen.environment} (${chosen.reason})`);
				if (authority && config.demo === 'incident') {
					stopIncident = runIncident(authority, {
						timers: {setTimeout, clearTimeout},
						onStep: step => monitor.note(`incident: ${step.label}`),
						onError: error => monitor.note(`incident step failed: ${error instanceof Error ? error.message : String(error)}`),
					});
				}
			},
		});
	} finally {
		(stopIncident as (() => void) | null)?.();
		metrics.stop();
		killAllRunningGroups();
	}
}

/** The runbook environment: as configured, else detected from this host. */
async function chooseEnvironment(config: Config): Promise<{environment: Exclude<EnvironmentId, 'demo'>; reason: string}> {
	if (config.environment && config.environment !== 'demo') return {environment: config.environment, reason: 'configured'};
	return detectEnvironment(await gatherEnvironmentFacts({composeFile: config.placeholders.composeFile}));
}

/** Points the whole tool at the demo Authority: its endpoint, its client, its /metrics. */
function withDemoAuthority(config: Config, authority: DemoAuthority): Config {
	return {
		...config,
		endpoint: authority.tokenEndpoint,
		credentials: {clientId: authority.clientId, clientSecret: authority.clientSecret},
		metrics: {...config.metrics, metricsUrl: config.metrics.metricsUrl ?? authority.metricsUrl},
	};
}

main().then(
	code => {
		// stdin in raw mode, a keep-alive socket or a timer could hold the event loop open:
		// everything that matters is closed by now, so leave at once.
		process.exit(code);
	},
	(error: unknown) => {
		// Last resort: still one line, never a stack trace on the operator's screen.
		process.exitCode = fail(`internal error: ${error instanceof Error ? error.message : String(error)}`);
	},
);
