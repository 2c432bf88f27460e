// Bundles the CLI and the demo Authority's child entry into dist/. One file per entry keeps
// start-up fast (module resolution of hundreds of small files dominates `--once` otherwise).
import {build} from 'esbuild';
import {createHash} from 'node:crypto';
import {existsSync, readFileSync, rmSync, chmodSync} from 'node:fs';
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
	// The replacement follows Ink 6.8's Output: a new Ink whose Output has other members stops
	// the build here rather than drawing wrongly at run time.
	const inkOutput = readFileSync('node_modules/ink/build/output.js', 'utf8');
	const members = [...inkOutput.matchAll(/^ {4}([A-Za-z]\w*)[(;= ]/gm)].map(match => match[1]).join(' ');
	const expected = 'widths blockWidths styledChars getStyledChars getStringWidth getWidestLine width height operations caches constructor write clip unclip get';
	if (members !== expected) {
		throw new Error(`node_modules/ink/build/output.js is not the Output that source/ui/ink-render/output.ts replaces (members: ${members}); compare the two and update both this check and the replacement`);
	}
	// Ink's log-update is replaced by the writer that sends only the cells that changed: the same
	// check, on the functions Ink calls on it.
	const logUpdate = resolvePath('source/ui/ink-render/log-update.ts');
	const inkLogUpdate = readFileSync('node_modules/ink/build/log-update.js', 'utf8');
	const logMembers = [...new Set([...inkLogUpdate.matchAll(/^ {4}render\.(\w+) = /gm)].map(match => match[1]))].sort().join(' ');
	const expectedLogMembers = 'clear done isCursorDirty setCursorPosition sync willRender';
	if (logMembers !== expectedLogMembers || !/const logUpdate = \{ create \};/.test(inkLogUpdate)) {
		throw new Error(`node_modules/ink/build/log-update.js is not the log-update that source/ui/ink-render/log-update.ts replaces (members: ${logMembers}); compare the two and update both this check and the replacement`);
	}
	// Ink's text measuring and wrapping keep every text they ever saw (see the two files): replaced
	// by the same functions with a bounded memory. They are small, so the check is that they
	// are, to the byte, the ones the replacements were written from.
	const forgetful = {
		'measure-text': '4562d24171af3063b91a0d965c652ebdf1e2bdf4fe7f75c6bc8664fefc77df6a',
		'wrap-text': 'd2b8b4d05ed0eadd6c52149092f062ba048cda9928ce88e5176107c6fe38c19e',
	};
	for (const [name, sha256] of Object.entries(forgetful)) {
		const actual = createHash('sha256').update(readFileSync(`node_modules/ink/build/${name}.js`)).digest('hex');
		if (actual !== sha256) {
			throw new Error(`node_modules/ink/build/${name}.js is not the one source/ui/ink-render/${name}.ts replaces (sha256 ${actual}); compare the two and update both this check and the replacement`);
		}
	}
	return {
		name: 'ink-render-memory',
		setup(b) {
			b.onResolve({filter: /^\.\/(?:measure-text|wrap-text)\.js$/}, args =>
				/[\\/]node_modules[\\/]ink[\\/]build[\\/]/.test(args.importer) ? {path: resolvePath(`source/ui/ink-render/${args.path.slice(2, -3)}.ts`)} : undefined,
			);
			b.onResolve({filter: /^\.\/output\.js$/}, args =>
				/[\\/]node_modules[\\/]ink[\\/]build[\\/]/.test(args.importer) ? {path: output} : undefined,
			);
			b.onResolve({filter: /^\.\/log-update\.js$/}, args =>
				/[\\/]node_modules[\\/]ink[\\/]build[\\/]/.test(args.importer) ? {path: logUpdate} : undefined,
			);
			b.onResolve({filter: /^string-width$/}, async args => {
				if (args.importer === memoWidth || args.pluginData === 'real') return undefined;
				const real = await b.resolve(args.path, {importer: args.importer, resolveDir: args.resolveDir, kind: args.kind, pluginData: 'real'});
				return real.path === sharedWidth ? {path: memoWidth} : real;
			});
		},
	};
}

/**
 * Our imports of 'undici' get scripts/undici-entry.mjs: the dispatcher, connector and request
 * API only. undici's own entry also loads and runs fetch, WebSocket, caches, cookies, mocks…
 * at every start-up, for nothing (see the entry for what it saved). Its HTTP/2 client is
 * loaded on first use (scripts/undici-client-h2-lazy.cjs).
 */
function undiciCore() {
	const entry = resolvePath('scripts/undici-entry.mjs');
	const lazyH2 = resolvePath('scripts/undici-client-h2-lazy.cjs');
	return {
		name: 'undici-core',
		setup(b) {
			b.onResolve({filter: /^undici$/}, args =>
				args.importer === entry || /[\\/]node_modules[\\/]/.test(args.importer) ? undefined : {path: entry},
			);
			// HTTP/2 (and node:http2) on first use only: see the file.
			b.onResolve({filter: /^\.\/client-h2\.js$/}, args =>
				/[\\/]node_modules[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client\.js$/.test(args.importer) ? {path: lazyH2} : undefined,
			);
		},
	};
}

/**
 * meow's bundled dependencies set up normalize-package-data (and its SPDX licence tables) when
 * the module loads, ~15 ms of every start-up, though it only runs when meow reads package.json
 * itself — which it does not: cli.tsx hands it the package.json. Made lazy here; if meow's
 * build changes shape the build stops rather than silently losing this.
 */
function meowLazyNormalize() {
	const edits = [
		[
			'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);\npromisify(execFile);\n',
			'let normalizeExports;\nconst normalizePackageData = (...args) => getDefaultExportFromCjs(normalizeExports ??= requireNormalize())(...args);\n',
		],
		// The statement above that used it did nothing (its result was dropped); without it,
		// node:child_process is not loaded at start-up.
		["import { execFile } from 'node:child_process';\n", ''],
	];
	return {
		name: 'meow-lazy-normalize',
		setup(b) {
			b.onLoad({filter: /[\\/]node_modules[\\/]meow[\\/]build[\\/]dependencies\.js$/}, args => {
				let source = readFileSync(args.path, 'utf8');
				for (const [from, to] of edits) {
					if (!source.includes(from)) throw new Error(`${args.path}: ${JSON.stringify(from.slice(0, 40))} not found (meow changed: update meowLazyNormalize in scripts/build.mjs)`);
					source = source.replace(from, to);
				}
				return {contents: source, loader: 'js'};
			});
		},
	};
}

/**
 * Yoga (Ink's layout engine) carries its WebAssembly as a data: URL and, where a global fetch
 * exists, reads it with fetch(): on Node that loads and starts Node's own copy of undici just
 * to decode the string, ~40 ms of the monitor's start-up. Its loader decodes the same bytes
 * itself when there is no fetch; it is made to do that always. As above, the build stops if the
 * loader changed shape.
 */
function yogaWithoutFetch() {
	const viaFetch = 'function ya(){return w||"function"!=typeof fetch?';
	const decoded = 'function ya(){return true?';
	return {
		name: 'yoga-without-fetch',
		setup(b) {
			b.onLoad({filter: /[\\/]node_modules[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, args => {
				const source = readFileSync(args.path, 'utf8');
				if (!source.includes(viaFetch)) throw new Error(`${args.path}: wasm loader not found (yoga-layout changed: update yogaWithoutFetch in scripts/build.mjs)`);
				return {contents: source.replace(viaFetch, decoded), loader: 'js'};
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
	plugins: [emptyModule(/^react-devtools-core$/), inkRenderMemory(), undiciCore(), meowLazyNormalize(), yogaWithoutFetch()],
	// React's development build records ~90 performance entries a second and never clears
	// them: in a monitor left running for hours that is a leak (measured by npm run bench).
	define: {'process.env.DEV': '"false"', 'process.env.NODE_ENV': '"production"'},
	// Some bundled CommonJS dependencies call require() for Node built-ins.
	banner: {
		js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
	},
});
for (const entry of entries) chmodSync(`dist/${entry.out}.js`, 0o755);
