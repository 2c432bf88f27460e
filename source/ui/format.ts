// How times and numbers read on the screen.

import type {Theme} from './theme.js';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time, HH:MM:SS. */
export function formatClock(epochMs: number): string {
	const date = new Date(epochMs);
	return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

/** "734 ms", or the theme's none-glyph when there is no time. */
export function formatMs(ms: number | null, theme: Theme): string {
	return ms === null ? theme.glyphs.none : `${Math.round(ms)} ms`;
}

/** A phase duration: whole ms from 1 up, one decimal below (local DNS is often 0.3 ms). */
export function formatPhase(ms: number | null, theme: Theme): string {
	if (ms === null) return theme.glyphs.none;
	if (ms < 0.05) return '0';
	return ms < 0.95 ? ms.toFixed(1) : String(Math.round(ms));
}

/** "4 s", "2 min 5 s", "1 h 20 min". */
export function formatSpan(ms: number): string {
	const seconds = Math.max(0, Math.round(ms / 1000));
	if (seconds < 60) return `${seconds} s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
	const hours = Math.floor(minutes / 60);
	return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** "3 s ago"; "just now" under a second. */
export function formatAgo(ms: number): string {
	return ms < 1000 ? 'just now' : `${formatSpan(ms)} ago`;
}

/** The probe interval: "5 s", "0.5 s". */
export function formatInterval(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

export function formatPercent(pct: number | null, theme: Theme): string {
	if (pct === null) return theme.glyphs.none;
	// 99.95 % must not read as 100 %: only a perfect record shows 100.
	if (pct >= 100) return '100%';
	return `${(Math.floor(pct * 10) / 10).toFixed(1)}%`;
}
