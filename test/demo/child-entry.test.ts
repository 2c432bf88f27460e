import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {authorityEntryArgs, demoCtlEntryArgs} from '../../source/demo/child-entry.js';

describe('child entry resolution', () => {
	const dirs: string[] = [];
	afterEach(() => {
		for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true});
	});
	const layout = (files: string[]) => {
		const dir = mkdtempSync(join(tmpdir(), 'demo-entry-'));
		dirs.push(dir);
		for (const file of files) writeFileSync(join(dir, file), '');
		return {dir, base: pathToFileURL(join(dir, 'cli.js'))};
	};

	it('runs the bundled entry next to dist/cli.js when it exists', () => {
		const {dir, base} = layout(['cli.js', 'demo-authority.js', 'demo-ctl.js', 'authority-main.ts']);
		expect(authorityEntryArgs(base)).toEqual([join(dir, 'demo-authority.js')]);
		expect(demoCtlEntryArgs(base)).toEqual([join(dir, 'demo-ctl.js')]);
	});

	it('runs the TypeScript source through an absolute tsx loader otherwise', () => {
		const {dir, base} = layout(['authority-main.ts']);
		const args = authorityEntryArgs(base);
		expect(args).toHaveLength(3);
		expect(args[0]).toBe('--import');
		expect(args[1]).toMatch(/^file:\/\/\/.*\/tsx\/.*\.mjs$/);
		expect(args[2]).toBe(join(dir, 'authority-main.ts'));
	});

	it('says what is missing when neither exists', () => {
		const {base} = layout([]);
		expect(() => demoCtlEntryArgs(base)).toThrow(/demo-ctl\.js or demo-ctl-main\.ts/);
	});

	it('finds the sources of this checkout by default', () => {
		expect(authorityEntryArgs().at(-1)).toMatch(/source\/demo\/authority-main\.ts$/);
	});
});
