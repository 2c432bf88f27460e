// Hostile input: every flag, environment variable and config key is validated, and a bad one
// gives exactly one clear line on stderr, nothing on stdout, no stack trace, exit code 3 —
// through the built CLI, as a person or a monitoring system would run it (stdin and stdout
// not terminals).

import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {runCli} from '../faults/run-cli.js';

let dir: string;
const file = (name: string) => join(dir, name);

const FILES: Record<string, string> = {
	'bad.yaml': 'endpoint: http://127.0.0.1:1/connect/token\ntimeout: [1, 2\nfoo: bar\n',
	'missing-comma.json': '{\n  "endpoint": "http://127.0.0.1:1/connect/token",\n  "timeout": 3000\n  "interval": 5\n}\n',
	'unclosed.json': '{\n  "endpoint": "http://127.0.0.1:1/connect/token",\n  "timeout": \n',
	'value-missing.json': '{"endpoint": }\n',
	'duplicate.yaml': 'endpoint: http://a.invalid/\nendpoint: http://b.invalid/\n',
	'tabs.yaml': 'endpoint: http://a.invalid/\n\tinterval: 5\n',
	'unknown-key.yaml': 'endpoint: http://127.0.0.1:1/connect/token\nwarnin-threshold: 100\n',
	'run-flag.yaml': 'once: true\n',
	'secret.yaml': 'client-id: doctor\nclient-secret: hunter2-in-a-file\n',
	'secret-camel.json': '{"clientSecret": "hunter2-in-a-file"}\n',
	'list.yaml': '- endpoint\n- timeout\n',
	'scalar.yaml': 'just a string\n',
	'negative.yaml': 'timeout: -5\n',
	'not-number.yaml': 'interval: "soon"\n',
	'not-bool.yaml': 'insecure: maybe\n',
	'bad-scheme.json': '{"endpoint": "file:///etc/passwd"}\n',
	'bad-env.yaml': 'env: windows\n',
	// Four levels of ten aliases: the yaml library refuses to expand it.
	'alias-bomb.yaml': 'a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
	'not-a-cert.pem': 'this is not a certificate\n',
	'empty-secret': '',
};

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'stella-config-'));
	for (const [name, text] of Object.entries(FILES)) writeFileSync(file(name), text);
	mkdirSync(file('a-directory'));
});

afterAll(() => {
	rmSync(dir, {recursive: true, force: true});
});

interface Case {
	readonly args: readonly string[];
	readonly env?: Record<string, string>;
	/** The whole stderr line after "stella-doctor-tui: "; `{dir}` is the temp dir. */
	readonly error: string | RegExp;
}

const CASES: Record<string, Case> = {
	// URLs
	'endpoint not a URL': {args: ['--endpoint', 'not-a-url'], error: '--endpoint: "not-a-url" is not a valid URL'},
	'endpoint unsupported scheme': {args: ['--endpoint', 'ftp://auth.invalid/connect/token'], error: '--endpoint: unsupported scheme "ftp" (use http or https)'},
	'endpoint without host (http:host typo)': {args: ['--endpoint', 'http:auth.invalid/connect/token'], error: '--endpoint: "http:auth.invalid/connect/token" has no host'},
	'endpoint with three slashes': {args: ['--endpoint', 'http:///connect/token'], error: '--endpoint: "http:///connect/token" has no host'},
	'endpoint with credentials': {args: ['--endpoint', 'http://user:pw@auth.invalid/'], error: '--endpoint: credentials in the URL are not accepted (use --client-id and STELLA_DOCTOR_CLIENT_SECRET)'},
	'endpoint with a control character': {args: ['--endpoint', 'http://auth.invalid/\u001b]52;c;AAAA\u0007'], error: '--endpoint: must not contain control characters'},
	'endpoint empty': {args: ['--endpoint', ''], error: '--endpoint: a URL is required'},
	'endpoint flag without value': {args: ['--endpoint'], error: '--endpoint: a URL is required'},
	'endpoint from the environment': {args: [], env: {STELLA_DOCTOR_ENDPOINT: 'gopher://auth.invalid/'}, error: 'STELLA_DOCTOR_ENDPOINT: unsupported scheme "gopher" (use http or https)'},
	'metrics URL scheme': {args: ['--metrics-url', 'file:///metrics'], error: '--metrics-url: unsupported scheme "file" (use http or https)'},
	'prometheus URL': {args: ['--prometheus-url', 'prometheus'], error: '--prometheus-url: "prometheus" is not a valid URL'},
	// Numbers
	'timeout zero': {args: ['--timeout', '0'], error: '--timeout: 0 is out of range (1 to 600000)'},
	'timeout negative': {args: ['--timeout', '-1'], error: '--timeout: -1 is out of range (1 to 600000)'},
	'timeout absurd': {args: ['--timeout', '1e9'], error: '--timeout: 1e9 is out of range (1 to 600000)'},
	'timeout not a number': {args: ['--timeout', 'ten'], error: '--timeout: "ten" is not a number'},
	'timeout hexadecimal': {args: ['--timeout', '0x2710'], error: '--timeout: "0x2710" is not a number'},
	'timeout Infinity': {args: ['--timeout', 'Infinity'], error: '--timeout: "Infinity" is not a number'},
	'timeout empty': {args: ['--timeout', ''], error: '--timeout: a number is required'},
	'interval below the floor': {args: ['--interval', '0.1'], error: '--interval: 0.1 is out of range (0.5 to 3600)'},
	'interval absurd': {args: ['--interval', '99999'], error: '--interval: 99999 is out of range (0.5 to 3600)'},
	'warning threshold zero': {args: ['--warning-threshold', '0'], error: '--warning-threshold: 0 is out of range (1 to 600000)'},
	'critical threshold negative': {args: ['--critical-threshold', '-2000'], error: '--critical-threshold: -2000 is out of range (1 to 600000)'},
	'warning equal to critical': {
		args: ['--warning-threshold', '2000'],
		error: '--warning-threshold/--critical-threshold: warning threshold (2000 ms) must be below critical threshold (2000 ms)',
	},
	'warning above critical': {
		args: ['--warning-threshold', '3000', '--critical-threshold', '2000'],
		error: '--warning-threshold/--critical-threshold: warning threshold (3000 ms) must be below critical threshold (2000 ms)',
	},
	'timeout equal to critical': {
		args: ['--timeout', '2000'],
		error: '--timeout: 2000 ms must be above the critical threshold (2000 ms), or a slow answer could never be told from none',
	},
	'timeout below a raised critical': {
		args: ['--critical-threshold', '15000'],
		error: '--critical-threshold: 15000 ms must be below the probe timeout (10000 ms by default; raise --timeout with it)',
	},
	'replicas not whole': {args: ['--replicas', '1.5'], error: '--replicas: "1.5" must be a whole number'},
	'step timeout zero': {args: ['--step-timeout', '0'], error: '--step-timeout: 0 is out of range (1 to 86400)'},
	'metrics timeout absurd': {args: ['--metrics-timeout', '1e12'], error: '--metrics-timeout: 1e12 is out of range (1 to 120000)'},
	// Choices
	'unknown environment': {args: ['--env', 'windows'], error: '--env: "windows" is not one of compose, systemd, kubernetes'},
	'unknown environment from the environment': {args: [], env: {STELLA_DOCTOR_ENV: 'mainframe'}, error: 'STELLA_DOCTOR_ENV: "mainframe" is not one of compose, systemd, kubernetes'},
	'unknown format': {args: ['--format', 'xml'], error: '--format: "xml" is not one of text, json, nagios'},
	'json contradicting format': {args: ['--json', '--format', 'text'], error: '--json contradicts --format text'},
	'unknown demo mode': {args: ['--demo=chaos'], error: '--demo: "chaos" is not one of interactive, incident'},
	'unknown runbook': {args: ['--print-runbook=windows'], error: '--print-runbook: "windows" is not one of compose, systemd, kubernetes'},
	'runbook placeholder that reads as an option': {
		args: ['--namespace=--kubeconfig=/tmp/x'],
		error: '--namespace: "--kubeconfig=/tmp/x" must not start with "-" (it would be read as an option)',
	},
	// Flags and arguments
	'unknown flag': {args: ['--endpont', 'http://a.invalid/'], error: 'unknown flag --endpont (see --help)'},
	'stray argument': {args: ['http://a.invalid/'], error: 'unexpected argument "http://a.invalid/" (see --help)'},
	'text value with control characters': {args: ['--client-id', 'doctor\u001b[31m'], error: '--client-id: must not contain control characters'},
	'empty text value': {args: ['--audit-log', ''], error: '--audit-log: must not be empty'},
	// Files
	'CA file missing': {args: ['--ca', '/nonexistent/ca.pem'], error: '--ca: cannot read /nonexistent/ca.pem: ENOENT'},
	'CA file is a directory': {args: ['--ca', '{dir}/a-directory'], error: '--ca: cannot read {dir}/a-directory: EISDIR'},
	'CA file without a certificate': {args: ['--ca', '{dir}/not-a-cert.pem'], error: '--ca: {dir}/not-a-cert.pem holds no PEM certificate'},
	'secret file missing': {args: ['--client-id', 'doctor', '--client-secret-file', '/nonexistent/secret'], error: '--client-secret-file: cannot read /nonexistent/secret: ENOENT'},
	'secret file empty': {args: ['--client-id', 'doctor', '--client-secret-file', '{dir}/empty-secret'], error: '--client-secret-file: {dir}/empty-secret is empty'},
	'secret file is a directory': {args: ['--client-id', 'doctor', '--client-secret-file', '{dir}/a-directory'], error: '--client-secret-file: cannot read {dir}/a-directory: EISDIR'},
	'client id without a secret': {args: ['--client-id', 'doctor'], error: '--client-id is set but no client secret is (STELLA_DOCTOR_CLIENT_SECRET or --client-secret-file)'},
	'secret without a client id': {args: [], env: {STELLA_DOCTOR_CLIENT_SECRET: 'hunter2'}, error: 'STELLA_DOCTOR_CLIENT_SECRET is set but no client id is (--client-id or STELLA_DOCTOR_CLIENT_ID)'},
	// The secret is never a flag (it would show in the process list).
	'secret as a flag': {
		args: ['--client-secret', 'hunter2-on-argv'],
		error: '--client-secret is not accepted (it would show in the process list); use STELLA_DOCTOR_CLIENT_SECRET or --client-secret-file',
	},
	'secret as a flag with =': {
		args: ['--client-secret=hunter2-on-argv'],
		error: '--client-secret is not accepted (it would show in the process list); use STELLA_DOCTOR_CLIENT_SECRET or --client-secret-file',
	},
	// Config files
	'config missing': {args: ['--config', '/nonexistent/doctor.yaml'], error: '--config: cannot read /nonexistent/doctor.yaml: ENOENT'},
	'config is a directory': {args: ['--config', '{dir}/a-directory'], error: '--config: cannot read {dir}/a-directory: EISDIR'},
	'config flag without a file': {args: ['--config'], error: '--config: a file name is required'},
	'malformed YAML': {args: ['--config', '{dir}/bad.yaml'], error: '--config {dir}/bad.yaml: line 3: Flow sequence in block collection must be sufficiently indented and end with a ]'},
	'YAML with a duplicate key': {args: ['--config', '{dir}/duplicate.yaml'], error: '--config {dir}/duplicate.yaml: line 2: Map keys must be unique'},
	'YAML indented with a tab': {args: ['--config', '{dir}/tabs.yaml'], error: '--config {dir}/tabs.yaml: line 2: Tabs are not allowed as indentation'},
	'JSON missing a comma': {args: ['--config', '{dir}/missing-comma.json'], error: "--config {dir}/missing-comma.json: line 4: not valid JSON (Expected ',' or '}' after property value)"},
	'JSON cut short': {args: ['--config', '{dir}/unclosed.json'], error: '--config {dir}/unclosed.json: not valid JSON (Unexpected end of JSON input)'},
	// YAML would read this as an endpoint of null and blame the endpoint, not the file.
	'JSON with a value missing': {args: ['--config', '{dir}/value-missing.json'], error: "--config {dir}/value-missing.json: not valid JSON (Unexpected token '}')"},
	'YAML alias bomb': {args: ['--config', '{dir}/alias-bomb.yaml'], error: '--config {dir}/alias-bomb.yaml: Excessive alias count indicates a resource exhaustion attack'},
	'config unknown key': {args: ['--config', '{dir}/unknown-key.yaml'], error: '--config {dir}/unknown-key.yaml: unknown key "warnin-threshold"'},
	'config with a run-only flag': {args: ['--config', '{dir}/run-flag.yaml'], error: '--config {dir}/run-flag.yaml: unknown key "once"'},
	'config holding the secret': {
		args: ['--config', '{dir}/secret.yaml'],
		error: '--config {dir}/secret.yaml: "client-secret" is not accepted; keep the secret in STELLA_DOCTOR_CLIENT_SECRET or a file named by client-secret-file',
	},
	'JSON config holding the secret (camelCase)': {
		args: ['--config', '{dir}/secret-camel.json'],
		error: '--config {dir}/secret-camel.json: "clientSecret" is not accepted; keep the secret in STELLA_DOCTOR_CLIENT_SECRET or a file named by client-secret-file',
	},
	'config that is a list': {args: ['--config', '{dir}/list.yaml'], error: '--config {dir}/list.yaml: expected a mapping of settings (key: value)'},
	'config that is a string': {args: ['--config', '{dir}/scalar.yaml'], error: '--config {dir}/scalar.yaml: expected a mapping of settings (key: value)'},
	'config negative number': {args: ['--config', '{dir}/negative.yaml'], error: '"timeout" in {dir}/negative.yaml: -5 is out of range (1 to 600000)'},
	'config not a number': {args: ['--config', '{dir}/not-number.yaml'], error: '"interval" in {dir}/not-number.yaml: "soon" is not a number'},
	'config not a boolean': {args: ['--config', '{dir}/not-bool.yaml'], error: '"insecure" in {dir}/not-bool.yaml: "maybe" is not true or false'},
	'config bad scheme': {args: ['--config', '{dir}/bad-scheme.json'], error: '"endpoint" in {dir}/bad-scheme.json: unsupported scheme "file" (use http or https)'},
	'config unknown environment': {args: ['--config', '{dir}/bad-env.yaml'], error: '"env" in {dir}/bad-env.yaml: "windows" is not one of compose, systemd, kubernetes'},
};

function expand(text: string): string {
	return text.replaceAll('{dir}', dir);
}

describe('a bad setting: one line on stderr, nothing on stdout, exit 3', () => {
	test.concurrent.for(Object.entries(CASES))('%s', async ([, testCase]) => {
		const run = await runCli(['--once', ...testCase.args.map(expand)], {env: testCase.env});
		expect(run.code).toBe(3);
		expect(run.stdout).toBe('');
		const expected = typeof testCase.error === 'string' ? `stella-doctor-tui: ${expand(testCase.error)}\n` : testCase.error;
		if (typeof expected === 'string') expect(run.stderr).toBe(expected);
		else expect(run.stderr).toMatch(expected);
		// One line, no stack frames, no "internal error" (that would be a bug, not bad input).
		expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
		expect(run.stderr).not.toMatch(/^\s+at /m);
		expect(run.stderr).not.toContain('internal error');
		// The secret never echoes back, even when it was the bad input.
		expect(run.stderr).not.toContain('hunter2');
	});
});

describe('settings the CLI must not misread', () => {
	test.concurrent('a critical threshold above the default timeout names the threshold, not the timeout never given', async () => {
		const run = await runCli(['--once', '--critical-threshold', '20000', '--endpoint', 'http://127.0.0.1:9/connect/token']);
		expect(run.code).toBe(3);
		expect(run.stderr).toBe(
			'stella-doctor-tui: --critical-threshold: 20000 ms must be below the probe timeout (10000 ms by default; raise --timeout with it)\n',
		);
	});

	test.concurrent('a short option is called an option, not a flag named --n', async () => {
		const run = await runCli(['--once', '--namespace', '-n']);
		expect(run.code).toBe(3);
		expect(run.stderr).toMatch(/^stella-doctor-tui: (unknown option -n \(only long --flags exist; see --help\)|--namespace: a value is required)\n$/);
	});

	test.concurrent('an audit log that cannot be written stops the monitor before it starts', async () => {
		const run = await runCli(['--audit-log', '/proc/no-such-dir/audit.log', '--endpoint', 'http://127.0.0.1:9/connect/token']);
		expect(run.code).toBe(3);
		expect(run.stderr).toBe('stella-doctor-tui: --audit-log: cannot write /proc/no-such-dir/audit.log: ENOENT\n');
	});

	test.concurrent('with --format nagios, bad input is also an UNKNOWN line on stdout for NRPE', async () => {
		const run = await runCli(['--once', '--format', 'nagios', '--endpoint', 'ftp://x']);
		expect(run.code).toBe(3);
		expect(run.stdout).toBe('TOKEN-SERVICE UNKNOWN - --endpoint: unsupported scheme "ftp" (use http or https)\n');
		expect(run.stderr).toBe('stella-doctor-tui: --endpoint: unsupported scheme "ftp" (use http or https)\n');
	});

	test.concurrent('a flag given twice is bad input, not an internal error', async () => {
		const run = await runCli(['--once', '--endpoint', 'http://a.invalid/', '--endpoint', 'http://b.invalid/']);
		expect(run.code).toBe(3);
		expect(run.stderr).toBe('stella-doctor-tui: --endpoint: given more than once\n');
	});

	test.concurrent('a timeout from the config file is named as the config key, not as a flag never given', async () => {
		writeFileSync(file('low-timeout.json'), '{"timeout": 1500}\n');
		const run = await runCli(['--once', '--config', file('low-timeout.json')]);
		expect(run.code).toBe(3);
		expect(run.stderr).toBe(
			`stella-doctor-tui: "timeout" in ${file('low-timeout.json')}: 1500 ms must be above the critical threshold (2000 ms), or a slow answer could never be told from none\n`,
		);
	});

	test.concurrent('a boolean flag with a value that is not true or false is refused, not read as false', async () => {
		const run = await runCli(['--once', '--insecure=maybe', '--endpoint', 'http://127.0.0.1:9/connect/token']);
		expect(run.code).toBe(3);
		expect(run.stderr).toBe('stella-doctor-tui: --insecure: "maybe" is not true or false\n');
	});
});
