// Which runbook fits this host, decided from facts gathered elsewhere (environment-facts.ts),
// so the rule itself is a pure function: a kubectl context in use wins, then a compose file
// in reach, else bare metal / systemd.

import type {EnvironmentId} from '../../checks/types.js';

export interface EnvironmentFacts {
	/** `kubectl config current-context`, or null when kubectl is missing or has none. */
	readonly kubeContext: string | null;
	/** Whether the configured compose file exists. */
	readonly composeFileExists: boolean;
	/** The compose file looked for (for the reason shown). */
	readonly composeFile: string;
}

export interface DetectedEnvironment {
	readonly environment: Exclude<EnvironmentId, 'demo'>;
	/** Why, in a few words, for the header or --verbose. */
	readonly reason: string;
}

export function detectEnvironment(facts: EnvironmentFacts): DetectedEnvironment {
	if (facts.kubeContext !== null && facts.kubeContext.trim() !== '') {
		return {environment: 'kubernetes', reason: `kubectl context "${facts.kubeContext.trim()}" in use`};
	}
	if (facts.composeFileExists) {
		return {environment: 'compose', reason: `${facts.composeFile} present`};
	}
	return {environment: 'systemd', reason: 'no kubectl context and no compose file'};
}
