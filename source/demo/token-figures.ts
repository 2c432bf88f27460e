// The demo Authority's real figures: how many tokens it issued in the last 24 hours and how
// many of its access tokens have not expired. Both are kept in coarse buckets so memory is
// bounded by the window, not by the number of tokens: a probe issuing a token every second
// for days costs at most 1,440 minute buckets and one bucket per second of token lifetime.

const MINUTE_MS = 60_000;
const WINDOW_MINUTES = 24 * 60;

/** Tokens issued in a sliding 24-hour window, counted per minute. */
export class IssuanceWindow {
	readonly #perMinute = new Map<number, number>();

	record(nowMs: number): void {
		const minute = Math.floor(nowMs / MINUTE_MS);
		this.#perMinute.set(minute, (this.#perMinute.get(minute) ?? 0) + 1);
		this.#prune(minute);
	}

	/** Issued within the current minute and the 1,439 before it. */
	count(nowMs: number): number {
		this.#prune(Math.floor(nowMs / MINUTE_MS));
		let total = 0;
		for (const count of this.#perMinute.values()) total += count;
		return total;
	}

	/** Buckets held; exposed so tests can check the memory bound. */
	get buckets(): number {
		return this.#perMinute.size;
	}

	#prune(currentMinute: number): void {
		for (const minute of this.#perMinute.keys()) {
			if (minute <= currentMinute - WINDOW_MINUTES) this.#perMinute.delete(minute);
		}
	}
}

/** Access tokens not yet expired, bucketed by the second in which they expire. */
export class ActiveTokens {
	readonly #perExpirySecond = new Map<number, number>();

	add(expiresAtMs: number): void {
		const second = Math.ceil(expiresAtMs / 1000);
		this.#perExpirySecond.set(second, (this.#perExpirySecond.get(second) ?? 0) + 1);
	}

	count(nowMs: number): number {
		let total = 0;
		for (const [second, count] of this.#perExpirySecond) {
			if (second * 1000 <= nowMs) this.#perExpirySecond.delete(second);
			else total += count;
		}
		return total;
	}

	get buckets(): number {
		return this.#perExpirySecond.size;
	}
}
