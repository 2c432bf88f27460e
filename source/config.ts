// Flags + environment + config file → one validated Config, or one ConfigError naming the
// setting at fault. Nothing here touches the terminal or the network.

import {readFileSync} from 'node:fs';
import type {EnvironmentId, Placeholders, Thresholds} from '../checks/types.js';
import {DEFAULT_PLACEHOLDERS} from '../checks/runbooks.js';
import {validateThresholds} from '../checks/token-service.js';
import {DEFAULT_METRIC_NAMES} from './metrics/exposition.js';
import {DEFAULT_PROMQL} from './metrics/prometheus-source.js';
import {ConfigError} from './config/config-error.js';
import {loadConfigFile, type FileSettings} from './config/config-file.js';
import {parseBoolean, parseChoice, parseHttpUrl, parseNumber, parseText} from './config/parse-values.js';
import {RUN_FLAGS, SETTINGS, camelCase} from './config/settings.js';
import type {ClientCredentials} from './probe/prober.js';
import {proxySettingsFrom, type ProxySettings} from './probe/proxy-settings.js';

export {ConfigError} from './config/config-error.js';

export type ReportFormat = 'text' | 'json' | 'nagios';
export type DemoMode = 'interactive' | 'incident';
export const RUNBOOK_ENVIRONMENTS = ['compose', 'systemd', 'kubernetes'] as const;

export interface MetricsConfig {
	readonly prometheusUrl: string | null;
	readonly metricsUrl: string | null;
	readonly intervalMs: number;
	readonly timeoutMs: number;
	readonly tokensQuery: string;
	readonly sessionsQuery: string;
	readonly tokensCounter: string;
	readonly tokensWindowGauge: string;
	readonly sessionsGauge: string;
}

export interface Config {
	readonly endpoint: string;
	readonly intervalMs: number;
	readonly timeoutMs: number;
	readonly thresholds: Thresholds;
	/** The secret inside never reaches output: the probe masks it in anything the server echoes. */
	readonly credentials: ClientCredentials | null;
	readonly ca: Buffer | undefined;
	readonly insecure: boolean;
	readonly once: boolean;
	readonly format: ReportFormat;
	readonly demo: DemoMode | null;
	/** Null: detect from the machine. */
	readonly environment: EnvironmentId | null;
	readonly readOnly: boolean;
	readonly auditLog: string | null;
	readonly stepTimeoutMs: number;
	/** Null: decide from the locale. */
	readonly ascii: boolean | null;
	readonly placeholders: Placeholders;
	readonly metrics: MetricsConfig;
	readonly proxy: ProxySettings;
	/** `--print-runbook`: the environment named, or 'selected' for the configured/detected one. */
	readonly printRunbook: EnvironmentId | 'selected' | null;
}

export type Environment = Readonly<Record<string, string | undefined>>;

export interface ConfigSeams {
	readonly env: Environment;
	readonly readFile?: (path: string) => Buffer;
}

const FILE_KEYS = new Set(SETTINGS.filter(setting => setting.inFile).map(setting => setting.name));
const KNOWN_FLAGS = new Set([...SETTINGS, ...RUN_FLAGS].map(setting => camelCase(setting.name)).concat(['help', 'version']));

/** The flag names meow should parse, with their types. */
export function meowFlags(): Record<string, {type: 'string' | 'boolean'}> {
	const flags: Record<string, {type: 'string' | 'boolean'}> = {};
	for (const setting of [...SETTINGS, ...RUN_FLAGS]) flags[camelCase(setting.name)] = {type: setting.kind};
	return flags;
}

function kebab(name: string): string {
	return name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
}

/**
 * Builds the Config from parsed flags (camelCase keys, as meow gives them), the environment
 * and the config file the flags name. Asynchronous only because the config file's parser is
 * loaded when there is a file.
 */
export async function resolveConfig(flags: Readonly<Record<string, unknown>>, seams: ConfigSeams): Promise<Config> {
	const readFile = seams.readFile ?? ((path: string) => readFileSync(path));
	for (const key of Object.keys(flags)) {
		if (key === 'clientSecret') {
			throw new ConfigError('--client-secret is not accepted (it would show in the process list); use STELLA_DOCTOR_CLIENT_SECRET or --client-secret-file');
		}
		if (!KNOWN_FLAGS.has(key)) {
			// Short options do not exist here; "-n" is most likely a value that lost its flag.
			throw new ConfigError(key.length === 1 ? `unknown option -${key} (only long --flags exist; see --help)` : `unknown flag --${kebab(key)} (see --help)`);
		}
	}
	for (const setting of [...SETTINGS, ...RUN_FLAGS]) {
		const value = flags[camelCase(setting.name)];
		if (value === undefined) continue;
		if (setting.kind === 'string' && typeof value !== 'string') {
			throw new ConfigError(`--${setting.name}: a value is required`);
		}
	}

	const configPath = flags.config;
	if (configPath === '') throw new ConfigError('--config: a file name is required');
	const file: FileSettings = typeof configPath === 'string' ? await loadConfigFile(configPath, FILE_KEYS) : {};

	/** Where a setting's value came from, for messages, and the raw value. */
	function raw(name: string): {source: string; value: unknown} | undefined {
		const spec = SETTINGS.find(setting => setting.name === name);
		const flagValue = flags[camelCase(name)];
		// Booleans from meow are always present (false); only `true` is a real choice.
		if (flagValue !== undefined && !(spec?.kind === 'boolean' && flagValue === false)) return {source: `--${name}`, value: flagValue};
		if (spec?.env) {
			const envValue = seams.env[spec.env];
			if (envValue !== undefined && envValue !== '') return {source: spec.env, value: envValue};
		}
		if (name in file) return {source: `"${name}" in ${String(configPath)}`, value: file[name]};
		return undefined;
	}
	const number = (name: string, fallback: number, range: {min: number; max: number; integer?: boolean}, scale = 1) => {
		const found = raw(name);
		return found ? parseNumber(found.source, found.value, range) * scale : fallback;
	};
	const text = (name: string, fallback: string) => {
		const found = raw(name);
		return found ? parseText(found.source, found.value) : fallback;
	};
	// Runbook placeholders become argv elements of docker/kubectl/stella: one starting with "-"
	// would be read as an option (`--namespace=--kubeconfig=/tmp/x`), so it is refused here.
	const placeholder = (name: string, fallback: string) => {
		const value = text(name, fallback);
		if (value.startsWith('-')) throw new ConfigError(`${raw(name)!.source}: "${value}" must not start with "-" (it would be read as an option)`);
		return value;
	};
	const optionalText = (name: string) => {
		const found = raw(name);
		return found ? parseText(found.source, found.value) : null;
	};
	const optionalUrl = (name: string) => {
		const found = raw(name);
		return found ? parseHttpUrl(found.source, found.value) : null;
	};
	const flag = (name: string) => {
		const found = raw(name);
		return found ? parseBoolean(found.source, found.value) : false;
	};
	const readable = (source: string, path: string): Buffer => {
		try {
			return readFile(path);
		} catch (error) {
			throw new ConfigError(`${source}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
		}
	};

	const endpointRaw = raw('endpoint');
	const endpoint = endpointRaw ? parseHttpUrl(endpointRaw.source, endpointRaw.value) : 'http://localhost:80/connect/token';

	const thresholds: Thresholds = {
		warningMs: number('warning-threshold', 500, {min: 1, max: 600_000}),
		criticalMs: number('critical-threshold', 2000, {min: 1, max: 600_000}),
	};
	const thresholdProblem = validateThresholds(thresholds);
	if (thresholdProblem) throw new ConfigError(`--warning-threshold/--critical-threshold: ${thresholdProblem}`);

	const timeoutMs = number('timeout', 10_000, {min: 1, max: 600_000});
	if (timeoutMs <= thresholds.criticalMs && raw('timeout') === undefined) {
		// The user raised the critical threshold past the default timeout: that is the setting to name.
		throw new ConfigError(
			`${raw('critical-threshold')!.source}: ${thresholds.criticalMs} ms must be below the probe timeout (${timeoutMs} ms by default; raise --timeout with it)`,
		);
	}
	if (timeoutMs <= thresholds.criticalMs) {
		throw new ConfigError(`${raw('timeout')!.source}: ${timeoutMs} ms must be above the critical threshold (${thresholds.criticalMs} ms), or a slow answer could never be told from none`);
	}

	const credentials = resolveCredentials(raw, seams.env, readable);

	const caPath = optionalText('ca');
	const ca = caPath === null ? undefined : readable(raw('ca')!.source, caPath);
	if (ca !== undefined && !ca.toString('utf8').includes('-----BEGIN CERTIFICATE-----')) {
		throw new ConfigError(`${raw('ca')!.source}: ${caPath} holds no PEM certificate`);
	}

	const envRaw = raw('env');
	const environment = envRaw ? parseChoice(envRaw.source, envRaw.value, RUNBOOK_ENVIRONMENTS) : null;

	const formatFlag = flags.format;
	let format: ReportFormat = formatFlag === undefined ? 'text' : parseChoice('--format', formatFlag, ['text', 'json', 'nagios'] as const);
	if (flags.json === true) {
		if (formatFlag !== undefined && format !== 'json') throw new ConfigError(`--json contradicts --format ${format}`);
		format = 'json';
	}

	const demoFlag = flags.demo;
	let demo: DemoMode | null = null;
	if (demoFlag !== undefined) {
		if (demoFlag === '') demo = 'interactive';
		else demo = parseChoice('--demo', demoFlag, ['interactive', 'incident'] as const);
	}

	const printFlag = flags.printRunbook;
	const printRunbook =
		printFlag === undefined ? null : printFlag === '' ? 'selected' : parseChoice('--print-runbook', printFlag, RUNBOOK_ENVIRONMENTS);

	const auditLog = optionalText('audit-log');

	return {
		endpoint,
		intervalMs: number('interval', 5000, {min: 0.5, max: 3600}, 1000),
		timeoutMs,
		thresholds,
		credentials,
		ca,
		insecure: flag('insecure'),
		once: flags.once === true,
		format,
		demo,
		environment,
		readOnly: flag('read-only'),
		auditLog,
		stepTimeoutMs: number('step-timeout', 120_000, {min: 1, max: 86_400}, 1000),
		ascii: raw('ascii') ? flag('ascii') : null,
		placeholders: {
			composeFile: placeholder('compose-file', DEFAULT_PLACEHOLDERS.composeFile),
			composeService: placeholder('compose-service', DEFAULT_PLACEHOLDERS.composeService),
			namespace: placeholder('namespace', DEFAULT_PLACEHOLDERS.namespace),
			selector: placeholder('selector', DEFAULT_PLACEHOLDERS.selector),
			deployment: placeholder('deployment', DEFAULT_PLACEHOLDERS.deployment),
			replicas: String(number('replicas', 3, {min: 1, max: 1000, integer: true})),
			authorityUrl: (() => {
				const found = raw('authority-url');
				return found ? parseHttpUrl(found.source, found.value) : DEFAULT_PLACEHOLDERS.authorityUrl;
			})(),
		},
		metrics: {
			prometheusUrl: optionalUrl('prometheus-url'),
			metricsUrl: optionalUrl('metrics-url'),
			intervalMs: number('metrics-interval', 30_000, {min: 1, max: 86_400}, 1000),
			timeoutMs: number('metrics-timeout', 5000, {min: 1, max: 120_000}),
			tokensQuery: text('tokens-query', DEFAULT_PROMQL.tokensIssuedLast24h),
			sessionsQuery: text('sessions-query', DEFAULT_PROMQL.activeSessions),
			tokensCounter: text('tokens-counter', DEFAULT_METRIC_NAMES.tokensCounter),
			tokensWindowGauge: text('tokens-window-gauge', DEFAULT_METRIC_NAMES.tokensWindowGauge),
			sessionsGauge: text('sessions-gauge', DEFAULT_METRIC_NAMES.sessionsGauge),
		},
		proxy: proxySettingsFrom(seams.env),
		printRunbook,
	};
}

function resolveCredentials(
	raw: (name: string) => {source: string; value: unknown} | undefined,
	env: Environment,
	readable: (source: string, path: string) => Buffer,
): ClientCredentials | null {
	const idRaw = raw('client-id');
	const clientId = idRaw ? parseText(idRaw.source, idRaw.value) : null;
	const secretFileRaw = raw('client-secret-file');
	let clientSecret: string | null = null;
	let secretSource = '';
	if (secretFileRaw) {
		const path = parseText(secretFileRaw.source, secretFileRaw.value);
		// One trailing newline is how editors and `echo` save a secret; it is not part of it.
		clientSecret = readable(secretFileRaw.source, path).toString('utf8').replace(/\r?\n$/, '');
		secretSource = secretFileRaw.source;
		if (clientSecret === '') throw new ConfigError(`${secretSource}: ${path} is empty`);
	} else if (env.STELLA_DOCTOR_CLIENT_SECRET) {
		clientSecret = env.STELLA_DOCTOR_CLIENT_SECRET;
		secretSource = 'STELLA_DOCTOR_CLIENT_SECRET';
	}
	if (clientId === null && clientSecret === null) return null;
	if (clientId === null) throw new ConfigError(`${secretSource} is set but no client id is (--client-id or STELLA_DOCTOR_CLIENT_ID)`);
	if (clientSecret === null) {
		throw new ConfigError(`${idRaw!.source} is set but no client secret is (STELLA_DOCTOR_CLIENT_SECRET or --client-secret-file)`);
	}
	return {clientId, clientSecret};
}
