// The monitor's snapshot as React state, and the shared clock driving its window expiry.

import {useEffect, useSyncExternalStore} from 'react';
import type {Monitor, MonitorSnapshot} from '../monitor/monitor.js';
import {useTicker} from './use-now.js';

export function useMonitor(monitor: Monitor): MonitorSnapshot {
	const ticker = useTicker();
	// Probes age out of the 5-minute window even when none arrive (paused, hanging probe).
	useEffect(() => ticker?.subscribe(() => monitor.expire()), [ticker, monitor]);
	return useSyncExternalStore(monitor.subscribe, monitor.getSnapshot, monitor.getSnapshot);
}
