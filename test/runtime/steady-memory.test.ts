// The young-generation cap is a V8 flag set after start-up: this checks, in real Node
// processes, that V8 still honours it then (a V8 that ignored it would silently cost the
// monitor ~30 MB of RSS again).

import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'steady-memory-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const script = join(dir, 'young-generation.mjs');
writeFileSync(
	script,
	`import v8 from 'node:v8';
if (process.argv[2] === 'small') (await import(process.argv[3])).keepYoungGenerationSmall();
// Objects that live through a few scavenges each, as a monitor's frames and history do.
const ring = new Array(50_000);
for (let i = 0; i < 3_000_000; i++) ring[i % ring.length] = {i, text: 'row ' + i};
console.log(v8.getHeapSpaceStatistics().find(space => space.space_name === 'new_space').space_size);
`,
);

function youngGenerationBytes(mode: 'small' | 'default'): number {
	const output = execFileSync(process.execPath, ['--import', 'tsx', script, mode, resolve('source/runtime/steady-memory.ts')], {encoding: 'utf8'});
	return Number(output.trim());
}

describe('keepYoungGenerationSmall', () => {
	it('keeps the young generation at a few MB where V8 would grow it past 16 MB', () => {
		const grown = youngGenerationBytes('default');
		const kept = youngGenerationBytes('small');
		expect(grown).toBeGreaterThanOrEqual(16 * 1024 * 1024);
		expect(kept).toBeLessThanOrEqual(4 * 1024 * 1024);
	});
});
