// The built CLI carries the remembering Output and string-width in place of Ink's own
// (scripts/build.mjs): without them the monitor costs about twice the CPU (npm run bench).

import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';

function bundleText(): string {
	const chunks = readdirSync('dist/chunks').filter(name => name.endsWith('.js'));
	return [readFileSync('dist/cli.js', 'utf8'), ...chunks.map(name => readFileSync(join('dist/chunks', name), 'utf8'))].join('\n');
}

describe('the bundle', () => {
	const text = bundleText();

	it("draws through the remembering Output, not Ink's per-frame one", () => {
		expect(text).toContain('function buildRow(');
		expect(text).not.toContain('class OutputCaches');
	});

	it("lays out and wraps text through the bounded memos, not Ink's caches that keep every text", () => {
		expect(text).toMatch(/function measureText\(text\) {[^}]*sizes\.get\(/);
		expect(text).toMatch(/function wrapText\([^)]*\) {[^}]*wrapped\.get\(/);
		// Ink's measure-text: `const cache = new Map();` beside `cache.set(text, dimensions)`.
		expect(text).not.toContain('cache.set(text, dimensions)');
		expect(text).not.toContain('cache[cacheKey] = wrappedText');
	});

	it('measures text widths through the memo', () => {
		expect(text).toContain('function memoStringWidth(');
		// widest-line, used by Ink's renderer on every text node, calls the memo.
		expect(text).toMatch(/function widestLine\([^)]*\)\s*{[^}]*memoStringWidth\(/);
	});
});
