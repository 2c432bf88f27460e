// Every step runs as the leader of its own process group, so one signal to the group reaches
// whatever the step spawned itself. The registry lets quitting (q, Ctrl+C, SIGTERM, SIGHUP)
// end every live group synchronously, right before the process exits.

const live = new Set<number>();

export function registerGroup(pgid: number): void {
	live.add(pgid);
}

export function unregisterGroup(pgid: number): void {
	live.delete(pgid);
}

/** Process groups started by steps and not yet known to be gone. */
export function runningGroups(): number[] {
	return [...live];
}

/** Sends a signal to a whole group; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
	try {
		process.kill(-pgid, signal);
		return true;
	} catch (error) {
		// ESRCH: nobody left in the group. EPERM cannot happen for our own children.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** True while any process (zombies included) is in the group. */
export function groupExists(pgid: number): boolean {
	return signalGroup(pgid, 0);
}

const POLL_MS = 25;

/**
 * SIGTERM to the group, then SIGKILL if anything is left after `graceMs`. Resolves once the
 * group is gone or has been sent SIGKILL; the group leaves the registry then.
 */
export async function terminateGroup(pgid: number, graceMs: number): Promise<void> {
	if (!signalGroup(pgid, 'SIGTERM')) {
		unregisterGroup(pgid);
		return;
	}
	const deadline = Date.now() + graceMs;
	while (Date.now() < deadline) {
		await new Promise(resolve => setTimeout(resolve, POLL_MS));
		if (!groupExists(pgid)) {
			unregisterGroup(pgid);
			return;
		}
	}
	signalGroup(pgid, 'SIGKILL');
	unregisterGroup(pgid);
}

function sleepSync(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Ends every live group before exit: SIGTERM to all, a short synchronous grace, SIGKILL to
 * whatever is left. Synchronous because it runs in exit and signal handlers, where the event
 * loop will not turn again. Returns how many groups were signalled.
 */
export function killAllRunningGroups(graceMs = 300): number {
	const groups = runningGroups().filter(pgid => signalGroup(pgid, 'SIGTERM'));
	// The event loop cannot reap our exited children here, so their zombies keep the groups
	// "existing": poll only for groups that vanish entirely, and never longer than the grace.
	const deadline = Date.now() + graceMs;
	let remaining = groups;
	while (remaining.length > 0 && Date.now() < deadline) {
		sleepSync(POLL_MS);
		remaining = remaining.filter(groupExists);
	}
	for (const pgid of remaining) signalGroup(pgid, 'SIGKILL');
	live.clear();
	return groups.length;
}
