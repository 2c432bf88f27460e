// Bundles the CLI and the demo Authority's child entry into dist/. One file per entry keeps
// start-up fast (module resolution of hundreds of small files dominates `--once` otherwise).
import {build} from 'esbuild';
import {existsSync, rmSync, chmodSync} from 'node:fs';
import {resolve as resolvePath} from 'node:path';

const entries = [
	{in: 'cli.tsx', out: 'cli'},
	{in: 'source/demo/authority-main.ts', out: 'demo-authority'},
	{in: 'source/demo/demo-ctl-main.ts', out: 'demo-ctl'},
].filter(entry => existsSync(entry.in));

/** Resolves matching imports to an empty module (static imports of optional dev tools). */
function emptyModule(filter) {
	return {
		name: 'empty-module',
		setup(b) {
			b.onResolve({filter}, args => ({path: args.path, namespace: 'empty-module'}));
			b.onLoad({filter: /.*/, namespace: 'empty-module'}, () => ({contents: 'export default {};'}));
		},
	};
}

/**
 * Ink's per-frame text work, made to remember what it did a frame ago (see the two files for
 * why and the Cost section of the README for what it saves). Only Ink's own Output and the
 * string-width that Ink and its helpers share are replaced; a package that brings another
 * string-width version keeps it.
 */
function inkRenderMemory() {
	const output = resolvePath('source/ui/ink-render/output.ts');
	const memoWidth = resolvePath('source/ui/ink-render/memo-string-width.ts');
	const sharedWidth = resolvePath('node_modules/string-width/index.js');
	return {
		name: 'ink-render-memory',
		setup(b) {
			b.onResolve({filter: /^\.\/output\.js$/}, args =>
				/[\\/]node_modules[\\/]ink[\\/]build[\\/]/.test(args.importer) ? {path: output} : undefined,
			);
			b.onResolve({filter: /^string-width$/}, async args => {
				if (args.importer === memoWidth || args.pluginData === 'real') return undefined;
				const real = await b.resolve(args.path, {importer: args.importer, resolveDir: args.resolveDir, kind: args.kind, pluginData: 'real'});
				return real.path === sharedWidth ? {path: memoWidth} : real;
			});
		},
	};
}

rmSync('dist', {recursive: true, force: true});
await build({
	entryPoints: entries,
	outdir: 'dist',
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'esm',
	// Shared code and the lazily imported monitor go into chunks: --once loads neither Ink
	// nor React nor the layout engine.
	splitting: true,
	chunkNames: 'chunks/[name]-[hash]',
	jsx: 'automatic',
	sourcemap: 'linked',
	logLevel: 'warning',
	// oidc-provider runs only in the demo child and loads its own dependency tree. Ink's
	// devtools hook is only loaded with DEV=true; its static import must not reach Node.
	external: ['oidc-provider', 'node-pty'],
	plugins: [emptyModule(/^react-devtools-core$/), inkRenderMemory()],
	// React's development build records ~90 performance entries a second and never clears
	// them: in a monitor left running for hours that is a leak (measured by npm run bench).
	define: {'process.env.DEV': '"false"', 'process.env.NODE_ENV': '"production"'},
	// Some bundled CommonJS dependencies call require() for Node built-ins.
	banner: {
		js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
	},
});
for (const entry of entries) chmodSync(`dist/${entry.out}.js`, 0o755);
