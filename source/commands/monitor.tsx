// The live monitor: everything that draws on a terminal or runs steps. Loaded only when the
// monitor is wanted, so --once never pays for Ink, React and the layout engine.

import {closeSync, openSync} from 'node:fs';
import {runIncident} from '../demo/incident-script.js';
import {FAULT_ACTIONS} from '../demo/fault-actions.js';
import type {DemoAuthority} from '../demo/authority.js';
import {demoRunbook} from '../demo/demo-runbook.js';
import {createConfiguredPoller} from '../metrics/configured-poller.js';
import {toMetricsSourceConfig} from '../metrics/figures-report.js';
import {metricsDispatcherFor} from '../metrics/metrics-dispatcher.js';
import type {Prober} from '../probe/prober.js';
import {createAuditLog} from '../remediation/audit-log.js';
import {killAllRunningGroups} from '../remediation/process-groups.js';
import {StepRunner} from '../remediation/step-runner.js';
import {keepYoungGenerationSmall} from '../runtime/steady-memory.js';
import {createProductExtensions} from '../ui/product-extensions.js';
import {runTui} from '../ui/run-tui.js';
import type {Config} from '../config.js';
import {chooseEnvironment} from './choose-environment.js';

/**
 * How long the first frame waits for the first probe's answer (see runTui): one frame at Ink's
 * default 10 fps, about what a fast server's answer takes on a cold start, and short enough
 * that a slow server's first screen comes barely later than it did.
 */
const FIRST_PROBE_WAIT_MS = 100;

/** Null when the file can be appended to (it is created if missing), else why not. */
function checkAppendable(file: string): string | null {
	try {
		closeSync(openSync(file, 'a', 0o600));
		return null;
	} catch (error) {
		return `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unwritable'}`;
	}
}

/** Full screen on a terminal, plain lines otherwise (runTui decides). */
export async function runMonitor(config: Config, prober: Prober, authority: DemoAuthority | null): Promise<number> {
	keepYoungGenerationSmall();
	// Detection asks kubectl, which can take a while on a bastion (credential plugins): the
	// screen starts at once on the fallback, and the runbook follows when the answer comes.
	const given =
		authority !== null
			? {environment: 'demo' as const, reason: 'demo Authority'}
			: config.environment !== null
				? {environment: config.environment, reason: 'configured'}
				: null;
	const chosen = given === null ? chooseEnvironment(config) : Promise.resolve(given);
	const extraRunbooks = authority ? [demoRunbook(authority.controlUrl)] : [];
	const secrets = config.credentials ? [config.credentials.clientSecret] : [];

	// Steps get our environment minus the secret: nothing we start needs it, and a child
	// that dumps its environment (env, docker inspect…) must not show it.
	const stepEnv = {...process.env};
	delete stepEnv.STELLA_DOCTOR_CLIENT_SECRET;
	const runner = new StepRunner({env: stepEnv, timeoutMs: config.stepTimeoutMs});
	// Timeline notes from outside the app (audit failures) need the monitor, which exists once
	// the TUI runs; until then there is nothing to note.
	let note: (text: string) => void = () => {};
	if (config.auditLog) {
		// An audit log that cannot be written is found out now, not after the restart it was
		// meant to record.
		const problem = checkAppendable(config.auditLog);
		if (problem) {
			process.stderr.write(`stella-doctor-tui: --audit-log: ${problem}\n`);
			return 3;
		}
		const audit = createAuditLog(config.auditLog, {secrets});
		runner.onFinished(record => {
			void audit.append(record).then(error => {
				if (error) note(`audit log not written: ${error}`);
			});
		});
	}
	// Whatever ends the process, no step's process group outlives it.
	process.on('exit', () => killAllRunningGroups(0));

	const metricsDispatcher = metricsDispatcherFor(config);
	const metrics = createConfiguredPoller(toMetricsSourceConfig(config.metrics, metricsDispatcher), {
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
			firstProbeWaitMs: FIRST_PROBE_WAIT_MS,
			headerItems: [
				...(authority ? [config.demo === 'incident' ? 'DEMO incident' : 'DEMO'] : []),
				...(config.insecure && config.endpoint.startsWith('https:') ? ['TLS NOT VERIFIED'] : []),
			],
			useExtensions: createProductExtensions({
				runner,
				placeholders: config.placeholders,
				initialEnvironment: given?.environment ?? 'systemd',
				detectedEnvironment: given === null ? chosen.then(found => found.environment) : undefined,
				extraRunbooks,
				readOnly: config.readOnly,
				demoFaults: authority ? {apply: action => FAULT_ACTIONS[action](authority)} : undefined,
			}),
			onMonitor: monitor => {
				note = text => monitor.note(text);
				void chosen.then(found => monitor.note(`runbook environment ${found.environment} (${found.reason})`));
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
		// Kept-alive metrics connections must not hold the process open.
		void metricsDispatcher?.destroy().catch(() => {});
	}
}
