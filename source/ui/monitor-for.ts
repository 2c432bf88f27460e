// The monitor both faces of the live view (the full screen and the plain lines) run on,
// built the same way from the same options.

import type {ProbeMode, Sample, Thresholds} from '../../checks/types.js';
import type {Clock, Timers} from '../monitor/clock.js';
import {createMonitor, type Monitor} from '../monitor/monitor.js';
import type {FiguresSource} from './evidence-panel.js';

export interface MonitorSource {
	readonly endpoint: string;
	readonly intervalMs: number;
	readonly probe: () => Promise<Sample>;
	readonly thresholds?: Thresholds;
	readonly mode?: ProbeMode;
	readonly metrics?: FiguresSource;
}

export function monitorFor(options: MonitorSource, clock: Clock, timers: Timers): Monitor {
	const {metrics} = options;
	return createMonitor({
		endpoint: options.endpoint,
		intervalMs: options.intervalMs,
		probe: options.probe,
		thresholds: options.thresholds,
		mode: options.mode,
		figures: metrics ? () => metrics.current().figures : undefined,
		clock,
		timers,
	});
}
