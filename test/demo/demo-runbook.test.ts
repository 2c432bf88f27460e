import {describe, expect, it} from 'vitest';
import {demoRunbook} from '../../source/demo/demo-runbook.js';

describe('demo runbook', () => {
	it('offers status, logs, restart, stop, start as demo-ctl argv; only reads run without asking', () => {
		const runbook = demoRunbook('http://127.0.0.1:4321');
		expect(runbook.environment).toBe('demo');
		expect(runbook.steps.map(step => [step.id, step.changesState])).toEqual([
			['status', false],
			['logs', false],
			['restart', true],
			['stop', true],
			['start', true],
		]);
		for (const step of runbook.steps) {
			expect(step.argv[0]).toBe(process.execPath);
			expect(step.argv.slice(-3)).toEqual([step.id, '--control', 'http://127.0.0.1:4321']);
		}
	});
});
