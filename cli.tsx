#!/usr/bin/env node
// Composition root: flags → Config → one of: print a runbook | one-shot report | live monitor
// (full-screen TUI, or plain lines when there is no terminal to draw on). Everything external —
// network, clock, child processes, the terminal — is created here and handed down.

import v8 from 'node:v8';
import meow from 'meow';
import {ConfigError, meowFlags, resolveConfig, type Config} from './source/config.js';
import {checkRawArguments, translateMeowError} from './source/config/argv-checks.js';
import {helpText} from './source/help-text.js';
import type {DemoAuthority} from './source/demo/authority.js';
import {fetchFiguresReport} from './source/metrics/figures-report.js';
import {metricsDispatcherFor} from './source/metrics/metrics-dispatcher.js';
import {EXIT_USAGE, runOnce} from './source/once.js';
import {createProber} from './source/probe/prober.js';
import {sanitizeLine} from './source/text/sanitize.js';
import packageJson from './package.json' with {type: 'json'};

const NAME = 'stella-doctor-tui';

// NRPE and Nagios read stdout only: a run asked for nagios output says UNKNOWN there too.
const wantsNagios = /(^|\s)--format(=|\s+)nagios(\s|$)/.test(process.argv.slice(2).join(' '));

function fail(message: string): number {
	const line = sanitizeLine(message, 400);
	if (wantsNagios) process.stdout.write(`TOKEN-SERVICE UNKNOWN - ${line.replace(/\|/g, '/')}\n`);
	process.stderr.write(`${NAME}: ${line}\n`);
	return EXIT_USAGE;
}

async function main(): Promise<number> {
	let cli;
	try {
		checkRawArguments(process.argv.slice(2));
		cli = meow(helpText(), {
			importMeta: import.meta,
			// The package.json meow would look for next to the bundle, built in: no search of the
			// file system at every start, and --version and --help say the same wherever the
			// bundle is run from.
			pkg: packageJson,
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
		config = await resolveConfig(cli.flags, {env: process.env});
	} catch (error) {
		if (error instanceof ConfigError) return fail(error.message);
		throw error;
	}

	if (config.once) {
		// One response to parse: V8's background optimisation of undici's WebAssembly HTTP
		// parser only delays the exit (measured: ~100 ms of a --once run, npm run bench).
		v8.setFlagsFromString('--liftoff-only');
	}

	if (config.printRunbook) {
		const {printRunbook} = await import('./source/commands/print-runbook.js');
		return printRunbook(config, text => process.stdout.write(text));
	}

	let authority: DemoAuthority | null = null;
	if (config.demo) {
		const [{startDemoAuthority}, {withDemoAuthority}] = await Promise.all([
			import('./source/demo/authority.js'),
			import('./source/commands/demo-config.js'),
		]);
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
			const dispatcher = metricsDispatcherFor(config);
			try {
				return await runOnce(config, {
					prober,
					figures: () => fetchFiguresReport(metrics, dispatcher ? {dispatcher} : {}),
					write: text => process.stdout.write(text),
				});
			} finally {
				await dispatcher?.close();
			}
		}
		const {runMonitor} = await import('./source/commands/monitor.js');
		return await runMonitor(config, prober, authority);
	} finally {
		await prober.close();
		await authority?.close();
	}
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
