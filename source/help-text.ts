// The --help text, generated from the settings table so it can never drift from the flags.

import {RUN_FLAGS, SETTINGS, type SettingSpec} from './config/settings.js';

function row(setting: SettingSpec): string {
	const flag = setting.kind === 'boolean' ? `--${setting.name}` : `--${setting.name} <value>`;
	const extras = [setting.defaultText ? `default ${setting.defaultText}` : '', setting.env ? `env ${setting.env}` : '']
		.filter(Boolean)
		.join('; ');
	return `    ${flag.padEnd(30)} ${setting.help}${extras ? ` (${extras})` : ''}`;
}

export function helpText(): string {
	return `
  Watches the StellaOps Authority token endpoint (/connect/token): probes it, charts its
  response time against the 500 ms warning and 2000 ms critical thresholds, shows PASS/WARN/FAIL
  with the evidence, and runs the remediation commands for your platform from keys.

  Usage
    $ stella-doctor-tui [options]              live monitor (plain lines when not on a terminal)
    $ stella-doctor-tui --once [--json|--format nagios]
    $ stella-doctor-tui --demo                 try it on the embedded demo Authority
    $ stella-doctor-tui --print-runbook [compose|systemd|kubernetes] [--json]

  Run options
${RUN_FLAGS.map(row).join('\n')}

  Settings (flags, environment, or keys of the --config file by the same names)
${SETTINGS.map(row).join('\n')}

  The client secret is read from STELLA_DOCTOR_CLIENT_SECRET or --client-secret-file only,
  never from a flag. Proxies: HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured.

  Exit codes (--once): 0 pass, 1 warn, 2 fail, 3 bad input or configuration.
`;
}
