import {existsSync} from 'node:fs';
import {createRequire} from 'node:module';
import {fileURLToPath, pathToFileURL} from 'node:url';

/**
 * The node arguments (after process.execPath) that run one of the demo's entry points.
 *
 * In the bundled product this module lives in a chunk under dist/chunks/ (or in dist/cli.js),
 * and the build puts each entry in dist/ (dist/demo-authority.js, dist/demo-ctl.js). Run from the TypeScript sources
 * (vitest, tsx) it lives in source/demo/, next to the .ts entry, which then runs through
 * tsx's loader — resolved to an absolute URL so the child does not depend on its cwd.
 */
export function nodeEntryArgs(bundled: string, source: string, base: string | URL = import.meta.url): string[] {
	for (const relative of [`./${bundled}`, `../${bundled}`]) {
		const bundledPath = fileURLToPath(new URL(relative, base));
		if (existsSync(bundledPath)) return [bundledPath];
	}
	const sourcePath = fileURLToPath(new URL(`./${source}`, base));
	if (existsSync(sourcePath)) {
		// tsx is resolved from this module (the product's own dependencies), not from `base`.
		const tsxLoader = createRequire(import.meta.url).resolve('tsx');
		return ['--import', pathToFileURL(tsxLoader).href, sourcePath];
	}
	throw new Error(`cannot find ${bundled} or ${source} next to ${fileURLToPath(base)}`);
}

export const authorityEntryArgs = (base?: string | URL): string[] =>
	nodeEntryArgs('demo-authority.js', 'authority-main.ts', base);

export const demoCtlEntryArgs = (base?: string | URL): string[] => nodeEntryArgs('demo-ctl.js', 'demo-ctl-main.ts', base);
