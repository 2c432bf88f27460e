// A fixed-capacity buffer that overwrites its oldest entry: history for the chart stays the
// same size however long the monitor runs.

export class RingBuffer<T> {
	readonly #items: (T | undefined)[];
	#start = 0;
	#size = 0;

	constructor(readonly capacity: number) {
		if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
		this.#items = new Array<T | undefined>(capacity);
	}

	get size(): number {
		return this.#size;
	}

	push(item: T): void {
		const end = (this.#start + this.#size) % this.capacity;
		this.#items[end] = item;
		if (this.#size < this.capacity) this.#size++;
		else this.#start = (this.#start + 1) % this.capacity;
	}

	/** The i-th oldest item (0 = oldest). */
	at(index: number): T | undefined {
		if (index < 0 || index >= this.#size) return undefined;
		return this.#items[(this.#start + index) % this.capacity];
	}

	/** The newest item. */
	last(): T | undefined {
		return this.at(this.#size - 1);
	}

	/** The newest `count` items, oldest first. */
	recent(count: number): T[] {
		const n = Math.max(0, Math.min(count, this.#size));
		const out: T[] = [];
		for (let i = this.#size - n; i < this.#size; i++) out.push(this.at(i) as T);
		return out;
	}
}
