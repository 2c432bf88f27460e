// Every setting that may come from a flag, the environment or the config file, in one table:
// its name (the long flag and the config key), where else it may come from, and its default.
// Precedence: flag, then environment, then config file, then default.

export interface SettingSpec {
	/** Long flag and config-file key. */
	readonly name: string;
	readonly kind: 'string' | 'boolean';
	readonly env?: string;
	/** Allowed in the config file (a few only make sense for one run). */
	readonly inFile: boolean;
	readonly help: string;
	readonly defaultText?: string;
}

export const SETTINGS: readonly SettingSpec[] = [
	{name: 'endpoint', kind: 'string', env: 'STELLA_DOCTOR_ENDPOINT', inFile: true, help: 'token endpoint URL', defaultText: 'http://localhost:80/connect/token'},
	{name: 'interval', kind: 'string', inFile: true, help: 'seconds between probes (min 0.5)', defaultText: '5'},
	{name: 'timeout', kind: 'string', inFile: true, help: 'ms before a probe counts as not responding; must exceed the critical threshold', defaultText: '10000'},
	{name: 'warning-threshold', kind: 'string', inFile: true, help: 'ms above which the check warns', defaultText: '500'},
	{name: 'critical-threshold', kind: 'string', inFile: true, help: 'ms above which the check fails', defaultText: '2000'},
	{name: 'client-id', kind: 'string', env: 'STELLA_DOCTOR_CLIENT_ID', inFile: true, help: 'client id for a real client-credentials token request'},
	{name: 'client-secret-file', kind: 'string', inFile: true, help: 'file holding the client secret (or set STELLA_DOCTOR_CLIENT_SECRET)'},
	{name: 'ca', kind: 'string', inFile: true, help: 'PEM file of an extra CA to trust'},
	{name: 'insecure', kind: 'boolean', inFile: true, help: 'skip TLS certificate verification (said on every report)'},
	{name: 'env', kind: 'string', env: 'STELLA_DOCTOR_ENV', inFile: true, help: 'runbook environment: compose, systemd or kubernetes (default: detected)'},
	{name: 'read-only', kind: 'boolean', inFile: true, help: 'lock every runbook step that changes state'},
	{name: 'audit-log', kind: 'string', inFile: true, help: 'append every runbook step run to this file as JSON lines'},
	{name: 'step-timeout', kind: 'string', inFile: true, help: 'seconds a runbook step may run before it is stopped', defaultText: '120'},
	{name: 'ascii', kind: 'boolean', inFile: true, help: 'draw with ASCII only (automatic under LC_ALL=C / LANG=C)'},
	{name: 'compose-file', kind: 'string', inFile: true, help: 'runbook: compose file', defaultText: 'devops/compose/docker-compose.stella-ops.yml'},
	{name: 'compose-service', kind: 'string', inFile: true, help: 'runbook: compose service', defaultText: 'authority'},
	{name: 'namespace', kind: 'string', inFile: true, help: 'runbook: Kubernetes namespace', defaultText: 'stellaops'},
	{name: 'selector', kind: 'string', inFile: true, help: 'runbook: pod label selector', defaultText: 'app.kubernetes.io/component=authority'},
	{name: 'deployment', kind: 'string', inFile: true, help: 'runbook: Kubernetes deployment', defaultText: 'stellaops-authority'},
	{name: 'replicas', kind: 'string', inFile: true, help: 'runbook: replicas for the scale-up step', defaultText: '3'},
	{name: 'authority-url', kind: 'string', inFile: true, help: "runbook: the token endpoint as seen inside the Authority's container", defaultText: 'http://localhost:80/connect/token'},
	{name: 'prometheus-url', kind: 'string', env: 'STELLA_DOCTOR_PROMETHEUS_URL', inFile: true, help: 'Prometheus (query API) holding the Authority metrics'},
	{name: 'metrics-url', kind: 'string', env: 'STELLA_DOCTOR_METRICS_URL', inFile: true, help: "the Authority's own /metrics, scraped directly"},
	{name: 'metrics-interval', kind: 'string', inFile: true, help: 'seconds between metrics fetches', defaultText: '30'},
	{name: 'metrics-timeout', kind: 'string', inFile: true, help: 'ms a metrics fetch may take', defaultText: '5000'},
	{name: 'tokens-query', kind: 'string', inFile: true, help: 'PromQL for tokens issued in 24 h', defaultText: 'sum(increase(stellaops_authority_tokens_issued_total[24h]))'},
	{name: 'sessions-query', kind: 'string', inFile: true, help: 'PromQL for active sessions', defaultText: 'sum(stellaops_authority_active_sessions)'},
	{name: 'tokens-counter', kind: 'string', inFile: true, help: 'scraped counter of tokens issued', defaultText: 'stellaops_authority_tokens_issued_total'},
	{name: 'tokens-window-gauge', kind: 'string', inFile: true, help: 'scraped gauge of tokens issued in the last 24 h', defaultText: 'stellaops_authority_tokens_issued_last_24h'},
	{name: 'sessions-gauge', kind: 'string', inFile: true, help: 'scraped gauge of active sessions', defaultText: 'stellaops_authority_active_sessions'},
];

/** Flags that shape one run and have no place in a config file. */
export const RUN_FLAGS: readonly SettingSpec[] = [
	{name: 'once', kind: 'boolean', inFile: false, help: 'run the check once, print a report, exit 0/1/2 (3 on bad input)'},
	{name: 'format', kind: 'string', inFile: false, help: 'report format for --once: text, json or nagios', defaultText: 'text'},
	{name: 'json', kind: 'boolean', inFile: false, help: 'same as --format json'},
	{name: 'demo', kind: 'string', inFile: false, help: 'run against the embedded demo Authority; --demo=incident plays a scripted incident'},
	{name: 'config', kind: 'string', inFile: false, help: 'YAML or JSON file with any of the settings above'},
	{name: 'print-runbook', kind: 'string', inFile: false, help: 'print the runbook for compose, systemd, kubernetes (or the selected one) and exit'},
];

export function camelCase(name: string): string {
	return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
