// A memo for the few hundred strings a screen is made of. Two generations: when the newer
// fills up, the older is dropped. Whatever was used in the last frame or two stays, and
// a string that went off screen is gone within a few frames, so hours of changing text
// cannot grow it past two full generations.

export class BoundedMemo<V> {
	private newer = new Map<string, V>();
	private older = new Map<string, V>();

	constructor(private readonly generationSize: number) {}

	get(key: string, compute: (key: string) => V): V {
		const recent = this.newer.get(key);
		if (recent !== undefined) return recent;
		let value = this.older.get(key);
		if (value === undefined) value = compute(key);
		if (this.newer.size >= this.generationSize) {
			this.older = this.newer;
			this.newer = new Map();
		}
		this.newer.set(key, value);
		return value;
	}

	get size(): number {
		return this.newer.size + this.older.size;
	}
}
