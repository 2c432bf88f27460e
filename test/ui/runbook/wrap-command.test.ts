import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {formatCommandLine} from '../../../checks/runbook.js';
import {fitWithSuffix, splitCommandWords, wrapCommand} from '../../../source/ui/runbook/wrap-command.js';
import {displayWidth} from '../../../source/ui/text-fit.js';

describe('wrapCommand', () => {
	const argv = ['docker', 'compose', '-f', 'devops/compose/docker-compose.stella-ops.yml', 'exec', '-T', 'authority', 'curl', '-s', '-w', '%{http_code} %{time_total}s', "it's"];
	const line = formatCommandLine(argv);

	it('splits a formatted line back into its quoted words', () => {
		expect(splitCommandWords(line)).toEqual(argv.map(arg => formatCommandLine([arg])));
	});

	it('wraps between words with continuations, every row within the width', () => {
		const rows = wrapCommand(line, 40, '$ ');
		expect(rows.length).toBeGreaterThan(2);
		for (const row of rows) expect([...row].length).toBeLessThanOrEqual(40);
		for (const row of rows.slice(0, -1)) expect(row.endsWith('\\')).toBe(true);
		expect(rows[0]!.startsWith('$ docker compose')).toBe(true);
	});

	it('pastes into a shell as the same single command', () => {
		const rows = wrapCommand(formatCommandLine(['printf', '%s\\0', ...argv]), 30);
		const out = execFileSync('/bin/sh', ['-c', rows.join('\n')], {encoding: 'utf8'});
		expect(out.split('\0').slice(0, -1)).toEqual(argv);
	});

	it('breaks a word wider than a row inside and outside quotes, still one command', () => {
		const long = ['printf', '%s\\0', 'x'.repeat(70), `a b ${'y'.repeat(60)} it's`, 'z'];
		for (const width of [12, 20, 33]) {
			const rows = wrapCommand(formatCommandLine(long), width);
			for (const row of rows) expect([...row].length).toBeLessThanOrEqual(width);
			const out = execFileSync('/bin/sh', ['-c', rows.join('\n')], {encoding: 'utf8'});
			expect(out.split('\0').slice(0, -1)).toEqual(long.slice(2));
		}
	});

	it('counts cells, not characters: a CJK file name wraps within the width and still pastes as one command', () => {
		const cjk = ['printf', '%s\\0', `/srv/${'設定'.repeat(30)}.yml`, 'restart'];
		const rows = wrapCommand(formatCommandLine(cjk), 40);
		for (const row of rows) expect(displayWidth(row), row).toBeLessThanOrEqual(40);
		const out = execFileSync('/bin/sh', ['-c', rows.join('\n')], {encoding: 'utf8'});
		expect(out.split('\0').slice(0, -1)).toEqual(cjk.slice(2));
	});

	it('keeps a short line on one row', () => {
		expect(wrapCommand('stella auth status', 80)).toEqual(['stella auth status']);
	});
});

describe('fitWithSuffix', () => {
	it('cuts the label, never the suffix', () => {
		expect(fitWithSuffix('a very long label indeed', ' · exit 0', 20)).toBe('a very lon… · exit 0');
		expect(fitWithSuffix('short', ' · exit 0', 20)).toBe('short · exit 0');
	});
});
