// Turns the strings users type into checked values. Every failure names the setting it came
// from, so the one line the user sees says exactly what to fix.

import {ConfigError} from './config-error.js';

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

export function parseNumber(source: string, raw: unknown, {min, max, integer = false}: {min: number; max: number; integer?: boolean}): number {
	const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (text === '') throw new ConfigError(`${source}: a number is required`);
	// Plain decimal only: Number() would also take 0x10, 0b1 and 0o7 and mean something else.
	if (!DECIMAL.test(text)) throw new ConfigError(`${source}: "${text}" is not a number`);
	const value = Number(text);
	if (!Number.isFinite(value)) throw new ConfigError(`${source}: "${text}" is not a number`);
	if (integer && !Number.isInteger(value)) throw new ConfigError(`${source}: "${text}" must be a whole number`);
	if (value < min || value > max) throw new ConfigError(`${source}: ${text} is out of range (${min} to ${max})`);
	return value;
}

/** An http(s) URL with a host; `what` names what the URL is for in the message. */
export function parseHttpUrl(source: string, raw: unknown): string {
	const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
	if (text === '') throw new ConfigError(`${source}: a URL is required`);
	if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) throw new ConfigError(`${source}: must not contain control characters`);
	// WHATWG URL parsing turns `http:host` and `http:///host` into http://host/; a typo
	// should not silently probe some other host.
	if (/^https?:/i.test(text) && !/^https?:\/\/[^/?#]/i.test(text)) throw new ConfigError(`${source}: "${text}" has no host`);
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new ConfigError(`${source}: "${text}" is not a valid URL`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new ConfigError(`${source}: unsupported scheme "${url.protocol.replace(/:$/, '')}" (use http or https)`);
	}
	if (url.hostname === '') throw new ConfigError(`${source}: "${text}" has no host`);
	if (url.username || url.password) {
		throw new ConfigError(`${source}: credentials in the URL are not accepted (use --client-id and STELLA_DOCTOR_CLIENT_SECRET)`);
	}
	return url.toString();
}

export function parseText(source: string, raw: unknown): string {
	if (typeof raw !== 'string' && typeof raw !== 'number') throw new ConfigError(`${source}: a text value is required`);
	const text = String(raw).trim();
	if (text === '') throw new ConfigError(`${source}: must not be empty`);
	if (/[\u0000-\u001f\u007f]/.test(text)) throw new ConfigError(`${source}: must not contain control characters`);
	return text;
}

export function parseChoice<T extends string>(source: string, raw: unknown, choices: readonly T[]): T {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if ((choices as readonly string[]).includes(text)) return text as T;
	throw new ConfigError(`${source}: "${String(raw)}" is not one of ${choices.join(', ')}`);
}

export function parseBoolean(source: string, raw: unknown): boolean {
	if (typeof raw === 'boolean') return raw;
	if (raw === 'true' || raw === 'yes' || raw === '1') return true;
	if (raw === 'false' || raw === 'no' || raw === '0') return false;
	throw new ConfigError(`${source}: "${String(raw)}" is not true or false`);
}
