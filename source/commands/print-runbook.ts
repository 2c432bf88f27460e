// --print-runbook: the runbook with its placeholders filled in, for a ticket or to run by hand.

import type {Runbook} from '../../checks/runbook.js';
import {formatRunbookJson, formatRunbookText, runbookFor} from '../../checks/runbooks.js';
import type {Config} from '../config.js';
import {chooseEnvironment} from './choose-environment.js';

export async function printRunbook(config: Config, write: (text: string) => void): Promise<number> {
	const wanted = config.printRunbook;
	if (wanted === null) return 0;
	const environment = wanted === 'selected' ? (await chooseEnvironment(config)).environment : wanted;
	const runbooks = [runbookFor(environment)].filter((runbook): runbook is Runbook => runbook !== undefined);
	const format = config.format === 'json' ? formatRunbookJson : formatRunbookText;
	write(format(runbooks, config.placeholders) + '\n');
	return 0;
}
