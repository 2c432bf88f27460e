// A clean redraw after a resize: the screen is cleared, one empty frame makes Ink forget
// what it drew (its incremental renderer would otherwise skip "unchanged" lines that the
// clear removed), and the real frame follows once Ink's frame throttle has let the empty one
// out. Repeated resize events (a window being dragged) keep it blank until they stop.

import type {Timers} from '../monitor/clock.js';

export interface Redraw {
	/** True while the screen is being redrawn: render nothing. */
	getSnapshot(): boolean;
	subscribe(listener: () => void): () => void;
	/** Starts (or prolongs) a redraw. */
	trigger(): void;
	stop(): void;
}

export function createRedraw(options: {delayMs: number; timers: Timers; clear: () => void}): Redraw {
	const listeners = new Set<() => void>();
	let blank = false;
	let timer: unknown = null;
	const set = (value: boolean) => {
		if (blank === value) return;
		blank = value;
		for (const listener of [...listeners]) listener();
	};
	return {
		getSnapshot: () => blank,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		trigger() {
			options.clear();
			set(true);
			if (timer !== null) options.timers.clearTimeout(timer);
			timer = options.timers.setTimeout(() => {
				timer = null;
				set(false);
			}, options.delayMs);
		},
		stop() {
			if (timer !== null) options.timers.clearTimeout(timer);
			timer = null;
			listeners.clear();
		},
	};
}
