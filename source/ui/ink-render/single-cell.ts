// Most text this app puts on screen is printable ASCII, box-drawing and block characters and a
// few marks, coloured with SGR codes. Each such character is one UTF-16 unit, one grapheme and
// one terminal cell, so its width and its cells can be worked out without Unicode
// segmentation, which is what string-width and ansi-tokenize spend their time (and garbage) on.
// Anything else (other escapes, wide or combining characters, controls) goes the general way.
// test/ui/ink-render/single-cell.test.ts checks every character accepted here against both.

/** One cell wide in string-width's default (ambiguous = narrow) and its own grapheme. */
export function isSingleCell(code: number): boolean {
	return (
		(code >= 0x20 && code <= 0x7e) ||
		code === 0xb0 || // °
		code === 0xb7 || // ·
		code === 0xd7 || // ×
		(code >= 0x2010 && code <= 0x2027) || // dashes, quotes, bullet, ellipsis
		(code >= 0x2190 && code <= 0x21ff) || // arrows
		(code >= 0x2500 && code <= 0x25fc) || // box drawing, blocks, geometric shapes
		code === 0x25ff || // (U+25FD and U+25FE are emoji: two cells)
		(code >= 0x2800 && code <= 0x28ff) // braille
	);
}

/** An SGR sequence (colour, bold, reset …) starting exactly at lastIndex. */
const SGR = /\u001B\[[0-9;]*m/y;

/** The length of the SGR sequence at `index`, or 0 when there is none. */
export function sgrLengthAt(text: string, index: number): number {
	SGR.lastIndex = index;
	const match = SGR.exec(text);
	return match ? match[0].length : 0;
}

/** The number of cells of `text`, or null when it holds anything but SGR codes and single-cell characters. */
export function singleCellWidth(text: string): number | null {
	let width = 0;
	for (let i = 0; i < text.length; ) {
		const code = text.charCodeAt(i);
		if (code === 0x1b) {
			const length = sgrLengthAt(text, i);
			if (length === 0) return null;
			i += length;
			continue;
		}
		if (!isSingleCell(code)) return null;
		width++;
		i++;
	}
	return width;
}
