// A small real exporter: prom-client's registry behind node:http on loopback, exposing the
// Authority's metric names. Tests move the figures by hand and check a source reports them.

import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {Counter, Gauge, Registry} from 'prom-client';

export interface TestExporter {
	/** Full URL of /metrics. */
	readonly metricsUrl: string;
	readonly tokens: Counter;
	readonly window: Gauge;
	readonly sessions: Gauge;
	close(): Promise<void>;
}

export async function startExporter(): Promise<TestExporter> {
	const registry = new Registry();
	const tokens = new Counter({
		name: 'stellaops_authority_tokens_issued_total',
		help: 'Access tokens issued since start.',
		registers: [registry],
	});
	const window = new Gauge({
		name: 'stellaops_authority_tokens_issued_last_24h',
		help: 'Access tokens issued in the last 24 hours.',
		registers: [registry],
	});
	const sessions = new Gauge({
		name: 'stellaops_authority_active_sessions',
		help: 'Unexpired access tokens.',
		labelNames: ['client'],
		registers: [registry],
	});
	const server = createServer((request, response) => {
		if (request.url !== '/metrics') {
			response.writeHead(404).end();
			return;
		}
		void registry.metrics().then(text => {
			response.writeHead(200, {'content-type': registry.contentType});
			response.end(text);
		});
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		metricsUrl: `http://127.0.0.1:${port}/metrics`,
		tokens,
		window,
		sessions,
		close: () =>
			new Promise<void>(resolve => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
