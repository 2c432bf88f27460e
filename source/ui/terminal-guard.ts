// Full-screen mode and its undoing. enter() switches to the alternate screen buffer and hides
// the cursor; restore() shows the cursor, leaves the alternate screen and turns raw mode off.
// restore() is idempotent and also runs on process exit, so every way out — q, Ctrl+C,
// SIGTERM, SIGHUP, an uncaught error, someone else's process.exit() — leaves the terminal as
// it was. Writes never throw: after SIGHUP the terminal may already be gone.

import {writeSync} from 'node:fs';

export const ENTER_ALT_SCREEN = '\u001b[?1049h';
export const LEAVE_ALT_SCREEN = '\u001b[?1049l';
export const HIDE_CURSOR = '\u001b[?25l';
export const SHOW_CURSOR = '\u001b[?25h';
export const CLEAR_SCREEN = '\u001b[2J\u001b[H';
const RESET_ATTRIBUTES = '\u001b[0m';

export interface GuardStdout {
	write(data: string): unknown;
	readonly fd?: number;
}

export interface GuardStdin {
	readonly isTTY?: boolean;
	readonly isRaw?: boolean;
	setRawMode?(mode: boolean): unknown;
}

export interface ExitHook {
	on(event: 'exit', listener: () => void): unknown;
	off(event: 'exit', listener: () => void): unknown;
}

export interface TerminalGuard {
	enter(): void;
	restore(): void;
	readonly active: boolean;
}

export function createTerminalGuard(stdout: GuardStdout, stdin: GuardStdin, exitHook: ExitHook = process): TerminalGuard {
	let active = false;

	const write = (data: string) => {
		try {
			stdout.write(data);
		} catch {
			// The terminal is gone (SIGHUP, closed pty): nothing left to restore on it.
		}
	};

	// On process exit only synchronous writes still reach the terminal.
	const onExit = () => {
		if (!active) return;
		active = false;
		exitHook.off('exit', onExit);
		try {
			if (typeof stdout.fd === 'number') writeSync(stdout.fd, RESET_ATTRIBUTES + SHOW_CURSOR + LEAVE_ALT_SCREEN);
			else write(RESET_ATTRIBUTES + SHOW_CURSOR + LEAVE_ALT_SCREEN);
		} catch {
			// As above.
		}
		rawOff();
	};

	function rawOff(): void {
		try {
			if (stdin.isTTY && stdin.isRaw) stdin.setRawMode?.(false);
		} catch {
			// As above.
		}
	}

	return {
		enter() {
			if (active) return;
			active = true;
			exitHook.on('exit', onExit);
			write(ENTER_ALT_SCREEN + HIDE_CURSOR + CLEAR_SCREEN);
		},
		restore() {
			if (!active) return;
			active = false;
			exitHook.off('exit', onExit);
			write(RESET_ATTRIBUTES + SHOW_CURSOR + LEAVE_ALT_SCREEN);
			rawOff();
		},
		get active() {
			return active;
		},
	};
}
