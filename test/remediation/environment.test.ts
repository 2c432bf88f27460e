import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {detectEnvironment} from '../../source/remediation/detect-environment.js';
import {gatherEnvironmentFacts} from '../../source/remediation/environment-facts.js';
import {makeStandIns, type StandIns} from './stand-ins.js';

describe('detectEnvironment', () => {
	const composeFile = 'devops/compose/docker-compose.stella-ops.yml';
	it('prefers a kubectl context, then the compose file, else systemd', () => {
		expect(detectEnvironment({kubeContext: 'prod', composeFileExists: true, composeFile})).toEqual({
			environment: 'kubernetes',
			reason: 'kubectl context "prod" in use',
		});
		expect(detectEnvironment({kubeContext: null, composeFileExists: true, composeFile}).environment).toBe('compose');
		expect(detectEnvironment({kubeContext: '  ', composeFileExists: false, composeFile}).environment).toBe('systemd');
	});
});

describe('gatherEnvironmentFacts', () => {
	let standIns: StandIns | undefined;
	afterEach(() => standIns?.cleanup());

	it('reads the kubectl context and looks for the compose file', async () => {
		standIns = makeStandIns(['kubectl']);
		const cwd = path.dirname(standIns.dir);
		mkdirSync(path.join(cwd, 'devops/compose'), {recursive: true});
		writeFileSync(path.join(cwd, 'devops/compose/docker-compose.stella-ops.yml'), 'services: {}\n');
		const facts = await gatherEnvironmentFacts({
			composeFile: 'devops/compose/docker-compose.stella-ops.yml',
			cwd,
			env: standIns.env({STANDIN_MODE: 'context'}),
		});
		expect(facts).toMatchObject({kubeContext: 'prod-cluster', composeFileExists: true});
		expect(standIns.records()).toEqual([expect.objectContaining({name: 'kubectl', args: ['config', 'current-context']})]);
	});

	it('has no context when kubectl fails, hangs past the timeout or is missing', async () => {
		standIns = makeStandIns(['kubectl']);
		const options = {composeFile: 'nope.yml', cwd: standIns.dir, timeoutMs: 300};
		expect((await gatherEnvironmentFacts({...options, env: standIns.env({STANDIN_MODE: 'fail'})})).kubeContext).toBeNull();
		const started = Date.now();
		expect((await gatherEnvironmentFacts({...options, env: standIns.env({STANDIN_MODE: 'sleep'})})).kubeContext).toBeNull();
		expect(Date.now() - started).toBeLessThan(3000);
		const facts = await gatherEnvironmentFacts({...options, env: {PATH: '/nonexistent'}});
		expect(facts).toMatchObject({kubeContext: null, composeFileExists: false});
	});
});
