// Everything the bench starts registers its stop here, so a failure, Ctrl-C or a crash still
// ends the pseudo-terminal children and the servers (no stray htop left behind).

type Stop = () => void | Promise<void>;

const stops = new Set<Stop>();
const killOnExit = new Set<number>();

/** Registers a stop; returns the function that runs it once and unregisters it. */
export function onCleanup(stop: Stop): () => Promise<void> {
	stops.add(stop);
	return async () => {
		if (!stops.delete(stop)) return;
		await stop();
	};
}

/** A process group to kill synchronously if the bench itself dies abruptly. */
export function killGroupOnExit(pid: number): () => void {
	killOnExit.add(pid);
	return () => killOnExit.delete(pid);
}

export function killGroup(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
	for (const target of [-pid, pid]) {
		try {
			process.kill(target, signal);
		} catch {
			// Already gone.
		}
	}
}

export async function cleanupAll(): Promise<void> {
	const pending = [...stops];
	stops.clear();
	await Promise.allSettled(pending.map(async stop => stop()));
	for (const pid of killOnExit) killGroup(pid);
	killOnExit.clear();
}

export function installCleanupHandlers(): void {
	process.on('exit', () => {
		for (const pid of killOnExit) killGroup(pid);
	});
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => {
			void cleanupAll().finally(() => process.exit(130));
		});
	}
}
