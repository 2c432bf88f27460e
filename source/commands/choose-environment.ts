// The runbook environment: as configured, else detected from this host.

import type {EnvironmentId} from '../../checks/types.js';
import type {Config} from '../config.js';
import {detectEnvironment} from '../remediation/detect-environment.js';
import {gatherEnvironmentFacts} from '../remediation/environment-facts.js';

export async function chooseEnvironment(config: Config): Promise<{environment: Exclude<EnvironmentId, 'demo'>; reason: string}> {
	if (config.environment && config.environment !== 'demo') return {environment: config.environment, reason: 'configured'};
	return detectEnvironment(await gatherEnvironmentFacts({composeFile: config.placeholders.composeFile}));
}
