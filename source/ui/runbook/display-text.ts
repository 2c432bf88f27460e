// Command lines come from the config file: shown as they are (spacing kept, so the copy by
// hand is exact), only escape sequences and control characters removed.

import {sanitizeLines} from '../../text/sanitize.js';

export function displayCommand(text: string): string {
	return sanitizeLines(text, 4000).join(' ');
}
