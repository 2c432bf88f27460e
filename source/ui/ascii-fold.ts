// ASCII mode's last line of defence. The app's own glyphs switch to ASCII through the theme,
// but text from elsewhere — a server's error description, a step's output, a label with an
// em dash — may still hold other characters, which an ASCII-only terminal shows as garbage
// or at the wrong width. Every non-ASCII character is folded to one that keeps the column
// count Ink computed: a look-alike where there is one, else "?" per column.

import stringWidth from 'string-width';

const LOOK_ALIKES: Readonly<Record<string, string>> = {
	'·': '|', '•': '*', '›': '>', '‹': '<', '→': '>', '←': '<', '↑': '^', '↓': 'v',
	'—': '-', '–': '-', '…': '.', '×': 'x', '✓': 'v', '✗': 'x', '●': '*', '○': 'o',
	'─': '-', '━': '-', '┄': '-', '┈': '-', '╌': '-', '│': '|', '┃': '|', '┊': ':', '┆': ':',
	'┼': '+', '┤': '+', '├': '+', '┬': '+', '┴': '+', '╭': '+', '╮': '+', '╰': '+', '╯': '+',
	'┌': '+', '┐': '+', '└': '+', '┘': '+', '╶': '-', '╴': '-', '‘': "'", '’': "'", '“': '"', '”': '"',
	'\u00a0': ' ',
};

const NON_ASCII = /[^\u0000-\u007f]/gu;

export function foldToAscii(text: string): string {
	return text.replace(NON_ASCII, char => LOOK_ALIKES[char] ?? '?'.repeat(stringWidth(char)));
}
