// Child-process entry of the demo Authority (bundled as dist/demo-authority.js). Started only
// by startDemoAuthority(): it needs the IPC channel for its configuration (the client secret
// never appears in argv or the environment) and to notice when its parent is gone.
import {format} from 'node:util';
import {startAuthorityRuntime, type AuthorityControls} from './authority-runtime.js';
import {isConfigureMessage, type ChildMessage} from './control-protocol.js';
import {startControlServer, type ControlServer} from './control-server.js';
import {LogRing} from './log-ring.js';

const CONFIGURE_TIMEOUT_MS = 15_000;

const log = new LogRing(200);

// Everything a library prints (oidc-provider's "unsupported runtime" warning on Node 20, Koa's
// error reports) becomes a log line the operator can read with the runbook's logs step, and
// never output of this process. This runs before oidc-provider is imported (lazily).
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
	console[method] = (...args: unknown[]) => {
		for (const line of format(...args).split('\n')) log.add(line);
	};
}

function send(message: ChildMessage): Promise<void> {
	return new Promise(resolve => {
		if (!process.send || !process.connected) {
			resolve();
			return;
		}
		process.send(message, undefined, {}, () => resolve());
	});
}

let controls: AuthorityControls | null = null;
let control: ControlServer | null = null;
let exiting = false;

async function shutdown(code: number): Promise<never> {
	if (!exiting) {
		exiting = true;
		// Closing is a courtesy to open connections; the exit below happens regardless.
		setTimeout(() => process.exit(code), 1000).unref();
		await Promise.allSettled([controls?.shutdown(), control?.close()]);
	}
	process.exit(code);
}

if (!process.send) {
	process.stderr.write('demo-authority: start it through startDemoAuthority(); it needs an IPC channel\n');
	process.exit(2);
}

// The parent's end of the IPC channel closes however the parent ends — normal exit, crash or
// SIGKILL — so this is what guarantees no orphaned Authority.
process.on('disconnect', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

const configureTimer = setTimeout(() => {
	process.stderr.write('demo-authority: no configuration received\n');
	process.exit(3);
}, CONFIGURE_TIMEOUT_MS);

process.on('message', (message: unknown) => {
	if (!isConfigureMessage(message) || controls || exiting) return;
	clearTimeout(configureTimer);
	void (async () => {
		try {
			controls = await startAuthorityRuntime({
				port: message.port,
				latencyMs: message.latencyMs,
				clientId: message.clientId,
				clientSecret: message.clientSecret,
				log,
			});
			control = await startControlServer(controls, line => log.add(line));
			await send({type: 'ready', port: controls.status().port, controlPort: control.port});
		} catch (error) {
			await send({type: 'failed', error: error instanceof Error ? error.message : String(error)});
			await shutdown(1);
		}
	})();
});

void send({type: 'hello'});
