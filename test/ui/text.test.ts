import {describe, expect, it} from 'vitest';
import {formatAgo, formatClock, formatInterval, formatPercent, formatPhase, formatSpan} from '../../source/ui/format.js';
import {detectAscii, detectColour} from '../../source/ui/terminal-caps.js';
import {asciiOnly, displayWidth, fit, fitPad, wrap} from '../../source/ui/text-fit.js';
import {makeTheme} from '../../source/ui/theme.js';

const theme = makeTheme({colour: false, ascii: false});

describe('text fitting', () => {
	it('measures wide and combining characters', () => {
		expect(displayWidth('abc')).toBe(3);
		expect(displayWidth('日本')).toBe(4);
		expect(displayWidth('e\u0301')).toBe(1);
	});

	it('cuts to the width with an ellipsis, never over it', () => {
		expect(fit('connection refused', 10)).toBe('connectio…');
		expect(fit('short', 10)).toBe('short');
		expect(fit('日本語テキスト', 5)).toBe('日本…');
		expect(displayWidth(fit('日本語テキスト', 6))).toBeLessThanOrEqual(6);
		expect(fit('abcdef', 4, '...')).toBe('a...');
		expect(fitPad('ab', 4)).toBe('ab  ');
		expect(fit('abc', 0)).toBe('');
	});

	it('wraps at spaces and hard-cuts long words', () => {
		expect(wrap('the quick brown fox', 10)).toEqual(['the quick', 'brown fox']);
		expect(wrap('abcdefghijkl xy', 5)).toEqual(['abcde', 'fghij', 'kl xy']);
	});

	it('turns non-ASCII into a look-alike, else ? per column, for ASCII terminals', () => {
		expect(asciiOnly('a→b — ok')).toBe('a>b - ok');
		expect(asciiOnly('日本 é')).toBe('???? ?');
	});
});

describe('formats', () => {
	it('reads times the way people do', () => {
		expect(formatClock(new Date(2025, 0, 15, 14, 2, 11).getTime())).toBe('14:02:11');
		expect(formatClock(new Date(2025, 0, 15, 9, 5, 1).getTime())).toBe('09:05:01');
		expect(formatSpan(45_000)).toBe('45 s');
		expect(formatSpan(300_000)).toBe('5 min');
		expect(formatSpan(125_000)).toBe('2 min 5 s');
		expect(formatSpan(4_800_000)).toBe('1 h 20 min');
		expect(formatAgo(400)).toBe('just now');
		expect(formatAgo(3_200)).toBe('3 s ago');
		expect(formatInterval(5000)).toBe('5 s');
		expect(formatInterval(500)).toBe('0.5 s');
		expect(formatPhase(null, theme)).toBe('—');
		expect(formatPhase(0.31, theme)).toBe('0.3');
		expect(formatPhase(0.97, theme)).toBe('1');
		expect(formatPhase(40.4, theme)).toBe('40');
		expect(formatPercent(100, theme)).toBe('100%');
		expect(formatPercent(99.96, theme)).toBe('99.9%');
		expect(formatPercent(null, theme)).toBe('—');
	});
});

describe('terminal capabilities', () => {
	it('turns colour off for NO_COLOR, TERM=dumb and monochrome terminals', () => {
		expect(detectColour({})).toBe(true);
		expect(detectColour({NO_COLOR: '1'})).toBe(false);
		expect(detectColour({NO_COLOR: ''})).toBe(true);
		expect(detectColour({TERM: 'dumb'})).toBe(false);
		expect(detectColour({FORCE_COLOR: '0'})).toBe(false);
		expect(detectColour({}, {isTTY: true, hasColors: () => false})).toBe(false);
		expect(detectColour({}, {isTTY: true, hasColors: () => true})).toBe(true);
	});

	it('draws ASCII only unless the locale is UTF-8', () => {
		expect(detectAscii({LANG: 'C.UTF-8'})).toBe(false);
		expect(detectAscii({LANG: 'en_US.utf8'})).toBe(false);
		expect(detectAscii({LC_ALL: 'C', LANG: 'en_US.UTF-8'})).toBe(true);
		expect(detectAscii({LC_ALL: 'POSIX'})).toBe(true);
		expect(detectAscii({LANG: 'de_DE.ISO-8859-1'})).toBe(true);
		expect(detectAscii({LC_CTYPE: 'en_US.UTF-8', LANG: 'C'})).toBe(false);
		expect(detectAscii({})).toBe(true);
	});
});
