// In-process stand-ins for a terminal's stdin and stdout (TTYs as far as Ink can tell), for
// testing the way in and out of full-screen mode without a pseudo-terminal.

import {EventEmitter} from 'node:events';

export class FakeStdout extends EventEmitter {
	readonly isTTY = true;
	columns = 80;
	rows = 24;
	output = '';
	write = (data: string | Uint8Array, ...rest: unknown[]): boolean => {
		this.output += typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
		const callback = rest.find(arg => typeof arg === 'function') as (() => void) | undefined;
		callback?.();
		return true;
	};
	hasColors(): boolean {
		return false;
	}
}

export class FakeStdin extends EventEmitter {
	isTTY = true;
	isRaw = false;
	readonly rawModes: boolean[] = [];
	#data: string | null = null;
	setRawMode(mode: boolean): this {
		this.isRaw = mode;
		this.rawModes.push(mode);
		return this;
	}
	type(data: string): void {
		this.#data = data;
		this.emit('readable');
		this.emit('data', data);
	}
	read(): string | null {
		const data = this.#data;
		this.#data = null;
		return data;
	}
	setEncoding(): this {
		return this;
	}
	resume(): this {
		return this;
	}
	pause(): this {
		return this;
	}
	ref(): this {
		return this;
	}
	unref(): this {
		return this;
	}
}
