import type {Runbook} from '../../checks/runbook.js';
import {demoCtlArgv} from './demo-runbook-argv.js';

/**
 * The `demo` environment's runbook: real commands acting on the running demo Authority
 * through demo-ctl. The control URL is a literal argv element (it holds no `{placeholder}`),
 * so the runner passes it through untouched.
 */
export function demoRunbook(controlUrl: string, base?: string | URL): Runbook {
	const argv = (command: Parameters<typeof demoCtlArgv>[0]) => demoCtlArgv(command, controlUrl, base);
	return Object.freeze({
		environment: 'demo',
		title: 'Demo Authority (embedded)',
		steps: Object.freeze([
			{id: 'status', label: 'Check the Authority status', argv: argv('status'), changesState: false, longRunning: false},
			{id: 'logs', label: 'Recent Authority log lines', argv: argv('logs'), changesState: false, longRunning: false},
			{
				id: 'restart',
				label: 'Restart the Authority (clears injected latency)',
				argv: argv('restart'),
				changesState: true,
				longRunning: false,
			},
			{id: 'stop', label: 'Stop the Authority (port closed)', argv: argv('stop'), changesState: true, longRunning: false},
			{id: 'start', label: 'Start the Authority again', argv: argv('start'), changesState: true, longRunning: false},
		]),
	});
}
