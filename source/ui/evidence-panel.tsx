// The spec's evidence for the latest probe, by the spec's names, plus how the probe was made
// and where its time went. Unknown figures read "unknown" (with why, when the metrics source
// says), never 0.

import React, {memo} from 'react';
import {Box} from 'ink';
import {formatCount} from '../../checks/token-service.js';
import type {ProbeMode, Thresholds} from '../../checks/types.js';
import type {MetricsReading} from '../metrics/reading.js';
import {describeFigure} from '../metrics/reading.js';
import type {Observation} from '../monitor/monitor.js';
import {sanitizeLine} from '../text/sanitize.js';
import {formatPhase} from './format.js';
import {Line, titleSegments, type Segment} from './line.js';
import {displayWidth, fitPad, forTheme, wrap} from './text-fit.js';
import {STATUS_COLOUR, useTheme, type Theme} from './theme.js';
import {useNowText} from './use-now.js';

/** Where the Authority's figures come from, with their provenance (the metrics poller fits). */
export interface FiguresSource {
	current(): MetricsReading;
	readonly staleAfterMs: number;
}

export interface EvidencePanelProps {
	readonly latest: Observation | null;
	readonly endpoint: string;
	readonly thresholds: Thresholds;
	/** The configured probe mode, shown before the first probe. */
	readonly mode?: ProbeMode;
	readonly metrics?: FiguresSource;
	readonly width: number;
	/** Rows it may use (8 are needed; a 9th lets long phases take two lines). */
	readonly height?: number;
	readonly compact?: boolean;
}

const KEY_WIDTH = 20;

function pair(key: string, value: Segment, width: number, theme: Theme): Segment[] {
	return [{text: fitPad(key, Math.min(KEY_WIDTH, width), theme.glyphs.ellipsis), dim: true}, value];
}

function twoPairs(left: [string, Segment], right: [string, Segment], width: number, theme: Theme): Segment[] {
	const half = Math.floor(width / 2);
	const leftKey = fitPad(left[0], KEY_WIDTH, theme.glyphs.ellipsis);
	const leftText = fitPad(left[1].text, Math.max(0, half - KEY_WIDTH), theme.glyphs.ellipsis);
	const rightKey = `${right[0]} `;
	return [
		{text: leftKey, dim: true},
		{...left[1], text: leftText},
		{text: rightKey, dim: true},
		{...right[1], text: fitPad(right[1].text, Math.max(0, width - half - displayWidth(rightKey)), theme.glyphs.ellipsis)},
	];
}

// The phases are the longest line: aligned with the other values when there is room, on
// two lines when the panel has a spare row, else right after their key.
function phasesLines(text: string, width: number, spare: number, theme: Theme): Segment[][] {
	if (KEY_WIDTH + displayWidth(text) <= width) return [pair('Phases', {text}, width, theme)];
	if (spare > 0) {
		const [first = '', ...rest] = wrap(text, Math.max(1, width - KEY_WIDTH));
		return [pair('Phases', {text: first}, width, theme), [{text: ' '.repeat(KEY_WIDTH)}, {text: rest.join(' ')}]];
	}
	return [[{text: 'Phases ', dim: true}, {text}]];
}

function phasesText(latest: Observation | null, theme: Theme): string {
	if (latest === null) return theme.glyphs.none;
	const p = latest.sample.phases;
	return [
		`DNS ${formatPhase(p.dnsMs, theme)}`,
		`connect ${formatPhase(p.connectMs, theme)}`,
		`TLS ${formatPhase(p.tlsMs, theme)}`,
		`first byte ${formatPhase(p.firstByteMs, theme)}`,
		`transfer ${formatPhase(p.transferMs, theme)} ms`,
	].join(', ');
}

function figureTexts(props: EvidencePanelProps, now: number): {tokens: string; sessions: string} {
	if (props.metrics) {
		const reading = props.metrics.current();
		const stale = props.metrics.staleAfterMs;
		return {
			tokens: describeFigure(reading.detail.tokensIssuedLast24h, now, stale),
			sessions: describeFigure(reading.detail.activeSessions, now, stale),
		};
	}
	const evidence = props.latest?.result.evidence;
	return {tokens: formatCount(evidence?.TokensIssuedLast24h ?? null), sessions: formatCount(evidence?.ActiveSessions ?? null)};
}

export const EvidencePanel = memo(function EvidencePanel(props: EvidencePanelProps): React.JSX.Element {
	const theme = useTheme();
	// Figure ages ("12 s ago") move with the clock; without a metrics source nothing here does.
	// Only the figure texts are followed, so a tick that changes no age redraws nothing.
	const figureText = useNowText(now => {
		const texts = figureTexts(props, now);
		return `${texts.tokens}\n${texts.sessions}`;
	}, props.metrics !== undefined);
	const {latest, width} = props;
	const none = theme.glyphs.none;
	const evidence = latest?.result.evidence;
	const safe = (text: string) => forTheme(sanitizeLine(text), theme);

	const available: Segment =
		evidence === undefined
			? {text: none}
			: {text: evidence.ServiceAvailable, colour: evidence.ServiceAvailable === 'YES' ? 'green' : 'red', bold: true};
	const time: Segment =
		evidence?.ResponseTimeMs === null || evidence === undefined
			? {text: none}
			: {text: String(evidence.ResponseTimeMs), colour: STATUS_COLOUR[latest!.result.status], bold: true};
	const error: Segment = evidence?.Error ? {text: safe(evidence.Error), colour: 'red'} : {text: none};
	const [tokens = '', sessions = ''] = figureText.split('\n');
	const figures = {tokens, sessions};
	const mode = latest?.sample.mode ?? props.mode;

	if (props.compact) {
		const sep = {text: theme.glyphs.separator, dim: true};
		return (
			<Box flexDirection="column" width={width} height={2}>
				<Line
					segments={[
						{text: 'ServiceAvailable ', dim: true},
						available,
						sep,
						// With no answer there is no time to show, and the error needs the room.
						...(evidence?.ResponseTimeMs === null ? [] : [{text: 'ResponseTimeMs ', dim: true}, time, sep]),
						{text: 'Error ', dim: true},
						error,
					]}
					width={width}
				/>
				<Line
					segments={[{text: 'TokensIssuedLast24h ', dim: true}, {text: safe(figures.tokens)}, sep, {text: 'ActiveSessions ', dim: true}, {text: safe(figures.sessions)}]}
					width={width}
				/>
			</Box>
		);
	}

	const right: Segment[] = [{text: `probe: ${mode ?? none}`}];
	if (latest?.sample.insecure) right.push({text: `${theme.glyphs.separator}TLS NOT VERIFIED`, colour: 'yellow', bold: true});
	const lines: Segment[][] = [
		titleSegments('Evidence', width, theme, right),
		twoPairs(['ServiceAvailable', available], ['ResponseTimeMs', time], width, theme),
		pair('Endpoint', {text: safe(evidence?.Endpoint ?? props.endpoint)}, width, theme),
		twoPairs(
			['WarningThreshold', {text: String(evidence?.WarningThreshold ?? props.thresholds.warningMs), colour: 'yellow'}],
			['CriticalThreshold', {text: String(evidence?.CriticalThreshold ?? props.thresholds.criticalMs), colour: 'red'}],
			width,
			theme,
		),
		pair('TokensIssuedLast24h', {text: safe(figures.tokens)}, width, theme),
		pair('ActiveSessions', {text: safe(figures.sessions)}, width, theme),
		pair('Error', error, width, theme),
		...phasesLines(phasesText(latest, theme), width, (props.height ?? 8) - 8, theme),
	];
	return (
		<Box flexDirection="column" width={width} height={lines.length}>
			{lines.map((segments, i) => (
				<Line key={i} segments={segments} width={width} />
			))}
		</Box>
	);
});
