// The live monitor screen. It reads the monitor's snapshots and the terminal size it is
// given, lays out the panels (layout.ts), and turns keys into monitor calls. It starts no
// probe and no timer of its own: the monitor and the shared clock come from outside.

import React, {useCallback, useMemo, useRef, useState} from 'react';
import {Box, useInput, useStdin, type Key} from 'ink';
import type {ProbeMode} from '../../checks/types.js';
import type {Monitor} from '../monitor/monitor.js';
import {Chart} from './chart.js';
import {plotWidthFor} from './chart-grid.js';
import {EvidencePanel, type FiguresSource} from './evidence-panel.js';
import {noExtensions, type AppExtensions, type ExtensionContext, type KeyHint, type UseExtensions} from './extensions.js';
import {Header} from './header.js';
import {HelpOverlay} from './help-overlay.js';
import {KeyBar} from './key-bar.js';
import {MIN_COLUMNS, MIN_ROWS, planLayout, SIDE_COLUMNS} from './layout.js';
import {StatsPanel} from './stats-panel.js';
import {TimelinePanel} from './timeline-panel.js';
import {TooSmall} from './too-small.js';
import {typedKeys} from './typed-keys.js';
import {useMonitor} from './use-monitor.js';

export interface AppProps {
	readonly monitor: Monitor;
	readonly columns: number;
	readonly rows: number;
	/** q or Ctrl+C. */
	readonly onQuit: () => void;
	/**
	 * Ctrl+L: clear and draw the whole screen again. The writer sends only the cells that change,
	 * so anything else that wrote into the terminal (a `wall` broadcast on a shared bastion host)
	 * would otherwise stay until those cells change.
	 */
	readonly onRepaint?: () => void;
	readonly mode?: ProbeMode;
	readonly metrics?: FiguresSource;
	readonly readOnly?: boolean;
	/** Extra items at the right of the header (environment, read-only …). */
	readonly headerItems?: readonly string[];
	/** Panels and keys of other parts of the product; the same function for the app's life. */
	readonly useExtensions?: UseExtensions;
}

export function builtInHints(paused: boolean): {first: KeyHint[]; last: KeyHint[]} {
	return {
		first: [
			{keys: 'r', label: 'probe now'},
			{keys: 'p', label: paused ? 'resume' : 'pause'},
		],
		last: [
			{keys: '?', label: 'help'},
			{keys: 'q', label: 'quit'},
		],
	};
}

export function App(props: AppProps): React.JSX.Element {
	const {monitor, columns, rows, onQuit} = props;
	const snapshot = useMonitor(monitor);
	const {isRawModeSupported} = useStdin();
	const [helpOpen, setHelpOpen] = useState(false);

	const probeNow = useCallback(() => monitor.probeNow(), [monitor]);
	const note = useCallback((text: string) => monitor.note(text), [monitor]);
	const context: ExtensionContext = {snapshot, probeNow, note, columns, rows, readOnly: props.readOnly === true, helpOpen};
	// The same function on every render (see AppProps), so hook order inside it is stable.
	const useExtensionsRef = useRef<UseExtensions>(props.useExtensions ?? noExtensions);
	const extensions: AppExtensions = useExtensionsRef.current(context);

	// Ink re-subscribes the input handler only after a render has settled, so two quick keys
	// can reach an older handler: everything the handler reads goes through refs.
	const live = useRef({helpOpen, handleKey: extensions.handleKey, onQuit, onRepaint: props.onRepaint});
	live.current.handleKey = extensions.handleKey;
	live.current.onQuit = onQuit;
	live.current.onRepaint = props.onRepaint;
	const showHelp = useCallback((open: boolean) => {
		live.current.helpOpen = open;
		setHelpOpen(open);
	}, []);
	const handleKey = useCallback(
		(input: string, key: Key) => {
			const current = live.current;
			if (key.ctrl && input === 'c') {
				current.onQuit();
				return;
			}
			if (key.ctrl && input === 'l') {
				current.onRepaint?.();
				return;
			}
			if (current.helpOpen) {
				if (input === '?' || key.escape) showHelp(false);
				else if (input === 'q') current.onQuit();
				else if (input === 'r') monitor.probeNow();
				else if (input === 'p') monitor.togglePause();
				return;
			}
			if (current.handleKey?.(input, key)) return;
			if (input === 'q') current.onQuit();
			else if (input === 'r') monitor.probeNow();
			else if (input === 'p') monitor.togglePause();
			else if (input === '?') showHelp(true);
		},
		[monitor, showHelp],
	);
	useInput(
		(input: string, key: Key) => {
			for (const [one, oneKey] of typedKeys(input, key)) handleKey(one, oneKey);
		},
		{isActive: Boolean(isRawModeSupported)},
	);

	const panels = extensions.panels ?? [];
	const plan = planLayout(columns, rows, panels);
	const hints = useMemo(() => {
		const builtIn = builtInHints(snapshot.paused);
		return [...builtIn.first, ...(extensions.keyHints ?? []), ...builtIn.last];
	}, [snapshot.paused, extensions.keyHints]);
	const helpHints = useMemo(
		() => [
			...hints.slice(0, -1),
			...(extensions.helpHints ?? []),
			...(props.onRepaint ? [{keys: 'Ctrl+L', label: 'repaint the screen'}] : []),
			{keys: 'q, Ctrl+C', label: 'quit'},
			{keys: 'Esc', label: 'close help'},
		],
		[hints, extensions.helpHints, props.onRepaint],
	);
	const items = useMemo(
		() => [...(props.headerItems ?? []), ...(extensions.headerItems ?? []), ...(props.readOnly ? ['read-only'] : [])],
		[props.headerItems, extensions.headerItems, props.readOnly],
	);

	const plotWidth = plan.kind === 'monitor' ? plotWidthFor(plan.width, snapshot.thresholds) : 0;
	const points = useMemo(
		() => snapshot.history.recent(plotWidth),
		// historyVersion changes with every point added to the history.
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[snapshot.historyVersion, plotWidth],
	);

	if (plan.kind === 'too-small') {
		return <TooSmall columns={columns} rows={rows} minColumns={MIN_COLUMNS} minRows={MIN_ROWS} latest={snapshot.latest} />;
	}

	const {width} = plan;
	const header = (
		<Header
			checkId={snapshot.checkId}
			endpoint={snapshot.endpoint}
			latest={snapshot.latest}
			inFlight={snapshot.inFlight}
			paused={snapshot.paused}
			intervalMs={snapshot.intervalMs}
			width={width}
			items={items}
		/>
	);
	const keyBar = <KeyBar hints={hints} width={width} />;

	if (helpOpen) {
		return (
			<Box flexDirection="column" width={width} height={plan.height} overflow="hidden">
				{header}
				<HelpOverlay
					status={snapshot.latest?.result.status ?? null}
					hints={helpHints}
					error={snapshot.latest?.result.evidence.Error ?? null}
					width={width}
					height={plan.body}
				/>
				{keyBar}
			</Box>
		);
	}

	const evidence =
		plan.evidence === 'hidden' ? null : (
			<EvidencePanel
				latest={snapshot.latest}
				endpoint={snapshot.endpoint}
				thresholds={snapshot.thresholds}
				mode={props.mode}
				metrics={props.metrics}
				// A one-column gutter when the stats sit beside it.
				width={plan.wide ? plan.evidenceWidth - 1 : plan.evidenceWidth}
				height={plan.wide ? Math.max(plan.evidenceRows, plan.stats + plan.timeline) : plan.evidenceRows}
				compact={plan.evidence === 'compact'}
			/>
		);
	const sideWidth = plan.wide ? Math.min(SIDE_COLUMNS, width - plan.evidenceWidth) : width;
	const stats =
		plan.stats > 0 ? <StatsPanel sinceStart={snapshot.sinceStart} lastWindow={snapshot.lastWindow} windowMs={snapshot.windowMs} width={sideWidth} /> : null;
	const timeline = plan.timeline > 0 ? <TimelinePanel entries={snapshot.timeline} width={sideWidth} height={plan.timeline} /> : null;
	const extensionPanels = plan.panels.map(slot => {
		const panel = panels.find(candidate => candidate.id === slot.id);
		return panel ? (
			<Box key={slot.id} width={width} height={slot.rows} overflow="hidden" flexDirection="column">
				{panel.render({width, height: slot.rows})}
			</Box>
		) : null;
	});

	return (
		<Box flexDirection="column" width={width} height={plan.height} overflow="hidden">
			{header}
			<Chart points={points} thresholds={snapshot.thresholds} width={width} height={plan.chart} />
			{plan.wide ? (
				<Box flexDirection="row" width={width} height={Math.max(plan.evidenceRows, plan.stats + plan.timeline)}>
					<Box width={plan.evidenceWidth} flexDirection="column">
						{evidence}
					</Box>
					<Box width={sideWidth} flexDirection="column">
						{stats}
						{timeline}
					</Box>
				</Box>
			) : (
				<>
					{evidence}
				</>
			)}
			{extensionPanels}
			{plan.wide ? null : (
				<>
					{stats}
					{timeline}
				</>
			)}
			<Box flexGrow={1} />
			{keyBar}
		</Box>
	);
}
