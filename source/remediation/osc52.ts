// OSC 52 asks the terminal to put text on the clipboard; it travels with the output, so it
// works over SSH from a bastion host in most terminals (and tmux with set-clipboard on).

export interface Osc52Options {
	/**
	 * Wrap for tmux's passthrough (needs `allow-passthrough on`), for a tmux that is set to
	 * ignore applications' clipboard writes.
	 */
	readonly tmuxPassthrough?: boolean;
}

/** The escape sequence that sets the clipboard ("c") to `text`. Pure. */
export function encodeOsc52(text: string, options: Osc52Options = {}): string {
	const sequence = `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
	if (!options.tmuxPassthrough) return sequence;
	// Inside a DCS passthrough every ESC of the payload is doubled.
	return `\u001bPtmux;${sequence.replace(/\u001b/g, '\u001b\u001b')}\u001b\\`;
}
