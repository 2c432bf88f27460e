// Unit tests of the one gate remote text passes before it reaches a terminal, a report or a
// log: source/text/sanitize.ts.

import {describe, expect, test} from 'vitest';
import {DEFAULT_MAX_LINE, decodeUtf8, sanitizeLine, sanitizeLines, truncate} from '../../source/text/sanitize.js';
import {TERMINAL_HOSTILE} from './run-cli.js';

const ESC = '\u001b';
const BEL = '\u0007';
const ST = `${ESC}\\`;

describe('sanitizeLine removes escape sequences whole', () => {
	test.for<[string, string, string]>([
		['CSI colour and clear screen', `${ESC}[2J${ESC}[1;31mred${ESC}[0m text`, 'red text'],
		['CSI cursor movement with private parameters', `a${ESC}[?25l${ESC}[10;20Hb`, 'ab'],
		['OSC window title ended by BEL', `${ESC}]0;pwned${BEL}visible`, 'visible'],
		['OSC 52 clipboard write ended by BEL', `before${ESC}]52;c;Y3VybCBldmlsLnNoIHwgc2g=${BEL}after`, 'beforeafter'],
		['OSC 52 ended by ST', `x${ESC}]52;c;AAAA${ST}y`, 'xy'],
		['OSC 8 hyperlink', `${ESC}]8;;https://evil.example${ST}click${ESC}]8;;${ST}`, 'click'],
		['OSC never terminated swallows the rest', `safe${ESC}]52;c;AAAAAAAA`, 'safe'],
		['DCS (e.g. DECRQSS)', `a${ESC}P$q"p${ST}b`, 'ab'],
		['APC, PM and SOS', `a${ESC}_apc${ST}b${ESC}^pm${ST}c${ESC}Xsos${ST}d`, 'abcd'],
		['two-byte escapes (RIS, save cursor, charset)', `a${ESC}cb${ESC}7c${ESC}(Bd`, 'abcd'],
		['a lone trailing ESC', `end${ESC}`, 'end'],
		['C1 CSI', 'a\u009b2Jb\u009b31mc', 'abc'],
		['C1 OSC ended by C1 ST', 'a\u009d0;title\u009cb', 'ab'],
		['C1 DCS ended by BEL', `a\u0090junk${BEL}b`, 'ab'],
		['lone C1 controls (NEL, IND, CSI without final)', 'a\u0085b\u0084c\u009b', 'abc'],
		['bidi overrides and isolates (Trojan Source)', 'admin\u202e\u2066gnp.exe\u2069\u202c ok', 'admingnp.exe ok'],
		['all bidi embeddings', '\u202a\u202b\u202c\u202d\u202ex\u2066\u2067\u2068\u2069', 'x'],
		['C0 controls, DEL, backspace tricks', 'pass\b\b\b\bfail\u0000\u007f\u0007!', 'passfail!'],
		['line breaks and tabs become single spaces', 'one\r\ntwo\n\nthree\tfour\rfive', 'one two three four five'],
	])('%s', ([, input, expected]) => {
		const output = sanitizeLine(input);
		expect(output).toBe(expected);
		expect(output).not.toMatch(TERMINAL_HOSTILE);
	});

	test('removing one sequence never leaves a working one behind', () => {
		// Pieces that would form "ESC [ 2 J" once the characters between them are removed.
		const inputs = [`${ESC}\u202e[2J`, `${ESC}${ESC}[[2J`, `\u009b\u202e2J`, `${ESC}]${ESC}[0m52;c;AA${BEL}`, `${ESC}\u0000]0;t${BEL}`];
		for (const input of inputs) expect(sanitizeLine(input)).not.toMatch(TERMINAL_HOSTILE);
	});

	test('the result never holds a C0, C1 or bidi character, whatever the input', () => {
		// Every character that matters, in many random orders.
		const alphabet = [ESC, '[', ']', 'P', '\\', BEL, '\u009b', '\u009c', '\u009d', '\u0090', '\u202e', '\u2066', 'a', '2', ';', 'J', '\n', '\r', '\t', '\u0000', '\u007f'];
		let seed = 42;
		const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
		for (let round = 0; round < 2000; round++) {
			const text = Array.from({length: 1 + Math.floor(random() * 24)}, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
			expect(sanitizeLine(text)).not.toMatch(TERMINAL_HOSTILE);
			for (const line of sanitizeLines(text)) expect(line).not.toMatch(TERMINAL_HOSTILE);
		}
	});

	test('plain text, including non-Latin scripts and emoji, is kept as it is', () => {
		const text = 'Token service: Привет, 你好, مرحبا, 🔐 ok — “quoted”';
		expect(sanitizeLine(text)).toBe(text);
	});
});

describe('over-long lines are cut and marked', () => {
	test('cut to the default maximum with an ellipsis', () => {
		const output = sanitizeLine('x'.repeat(10_000));
		expect(Array.from(output)).toHaveLength(DEFAULT_MAX_LINE);
		expect(output.endsWith('…')).toBe(true);
	});

	test('cut by code points: an emoji is never split into half a surrogate pair', () => {
		const output = truncate('🔐'.repeat(10), 5);
		expect(output).toBe('🔐🔐🔐🔐…');
		expect(output).not.toMatch(/[\ud800-\udfff](?![\udc00-\udfff])/u);
	});

	test('a line at the limit is left whole', () => {
		expect(sanitizeLine('y'.repeat(300), 300)).toBe('y'.repeat(300));
	});
});

describe('sanitizeLines (child output)', () => {
	test('carriage returns end lines, so a progress bar cannot overwrite what was shown', () => {
		expect(sanitizeLines('10%\r50%\r100%\ndone')).toEqual(['10%', '50%', '100%', 'done']);
	});

	test('tabs become spaces and escape sequences go, per line', () => {
		expect(sanitizeLines(`${ESC}[31merror${ESC}[0m:\tdisk full\n${ESC}]52;c;AAAA${BEL}next`)).toEqual(['error:    disk full', 'next']);
	});

	test('every line is cut to the maximum', () => {
		const lines = sanitizeLines(`${'a'.repeat(900)}\nshort`, 100);
		expect(Array.from(lines[0]!)).toHaveLength(100);
		expect(lines[1]).toBe('short');
	});
});

describe('decodeUtf8', () => {
	test.for<[string, number[], string]>([
		['invalid bytes', [0x6f, 0x6b, 0xff, 0xfe, 0x21], 'ok\ufffd\ufffd!'],
		['a truncated sequence', [0x61, 0xe2, 0x82], 'a\ufffd'],
		['an overlong encoding of "/"', [0xc0, 0xaf], '\ufffd\ufffd'],
		['an encoded surrogate', [0xed, 0xa0, 0x80], '\ufffd\ufffd\ufffd'],
		['valid multi-byte text', [0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x94, 0x90], '€🔐'],
	])('%s', ([, bytes, expected]) => {
		expect(decodeUtf8(Uint8Array.from(bytes))).toBe(expected);
	});

	test('a UTF-8 encoded C1 control decodes to the control, which sanitizeLine then removes', () => {
		const text = decodeUtf8(Uint8Array.from([0x61, 0xc2, 0x9b, 0x32, 0x4a, 0x62]));
		expect(text).toBe('a\u009b2Jb');
		expect(sanitizeLine(text)).toBe('ab');
	});
});
