// Remote text is hostile. Anything that came from the network or from a child process goes
// through here before it can reach a terminal, a text report or the audit log: escape
// sequences (CSI, OSC — including OSC 52 clipboard writes —, DCS, APC, PM, SOS), C0 and C1
// controls and bidirectional overrides are removed, so a server cannot move the cursor,
// retitle the window, write the clipboard or reorder what the operator reads.

/** Longest line we ever show; longer ones are cut and marked. */
export const DEFAULT_MAX_LINE = 500;

// ESC followed by a string-introducer: OSC (]), DCS (P), SOS (X), PM (^), APC (_). The body
// runs until BEL or ST (ESC \) — or to the end of the text when a server never closes it.
const ESC_STRING = /\u001b[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|$)/g;
// 8-bit forms of the same introducers (C1 DCS/SOS/OSC/PM/APC), terminated by BEL or C1 ST.
const C1_STRING = /[\u0090\u0098\u009d\u009e\u009f][\s\S]*?(?:\u0007|\u009c|$)/g;
// CSI: ESC [ or the C1 byte, parameters, intermediates, one final byte.
const CSI = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?/g;
// Any other two-byte escape (ESC c, ESC 7, ESC ( B …) and a lone trailing ESC.
const ESC_OTHER = /\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
// Bidirectional embeddings, overrides and isolates (Trojan-Source style reordering).
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
// Remaining C0 controls (tab and newline are handled by the callers), DEL and C1.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function stripSequences(text: string): string {
	return text
		.replace(ESC_STRING, '')
		.replace(C1_STRING, '')
		.replace(CSI, '')
		.replace(ESC_OTHER, '')
		.replace(BIDI, '');
}

/** Cuts a line to `max` characters (code points), marking the cut. */
export function truncate(text: string, max: number): string {
	const chars = Array.from(text);
	if (chars.length <= max) return text;
	return chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/**
 * One line of safe text: sequences and controls removed, any line breaks and tabs turned
 * into single spaces, surrounding space trimmed, cut to `max`.
 */
export function sanitizeLine(text: string, max = DEFAULT_MAX_LINE): string {
	const flat = stripSequences(text)
		.replace(/[\t\r\n]+/g, ' ')
		.replace(CONTROLS, '')
		.replace(/ {2,}/g, ' ')
		.trim();
	return truncate(flat, max);
}

/**
 * Several lines of safe text (child process output). Carriage returns end a line as a
 * newline does — progress bars become separate lines instead of overwriting each other.
 */
export function sanitizeLines(text: string, max = DEFAULT_MAX_LINE): string[] {
	return stripSequences(text)
		.split(/\r\n|\r|\n/)
		.map(line => truncate(line.replace(/\t/g, '    ').replace(CONTROLS, '').trimEnd(), max));
}

const utf8 = new TextDecoder('utf-8', {fatal: false});

/** Bytes from outside to text; invalid UTF-8 becomes U+FFFD rather than garbage. */
export function decodeUtf8(bytes: Uint8Array): string {
	return utf8.decode(bytes);
}
