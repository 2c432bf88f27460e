// The last N lines of a step's output. A step that follows logs for an hour must not grow
// memory without bound; the operator sees the tail and how much scrolled away.

export class LineRing<T> {
	readonly #items: (T | undefined)[];
	#start = 0;
	#size = 0;
	#dropped = 0;

	constructor(readonly capacity: number) {
		if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('ring capacity must be a positive integer');
		this.#items = new Array<T | undefined>(capacity);
	}

	push(item: T): void {
		if (this.#size < this.capacity) {
			this.#items[(this.#start + this.#size) % this.capacity] = item;
			this.#size += 1;
			return;
		}
		this.#items[this.#start] = item;
		this.#start = (this.#start + 1) % this.capacity;
		this.#dropped += 1;
	}

	/** How many lines were pushed out of the ring so far. */
	get dropped(): number {
		return this.#dropped;
	}

	get size(): number {
		return this.#size;
	}

	toArray(): T[] {
		const out: T[] = [];
		for (let i = 0; i < this.#size; i++) out.push(this.#items[(this.#start + i) % this.capacity] as T);
		return out;
	}

	clear(): void {
		this.#items.fill(undefined);
		this.#start = 0;
		this.#size = 0;
		this.#dropped = 0;
	}
}
