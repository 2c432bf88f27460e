// A real Prometheus for tests: its own loopback port, a temporary config and storage
// directory, scraping the given targets fast. Stop it in afterAll.
//
//   const prom = await startTestPrometheus({targets: ['http://127.0.0.1:4321/metrics']});
//   const value = await prom.waitForValue('sum(my_gauge)', v => v === 7);
//   await prom.stop();

import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {request} from 'undici';

export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';

export interface TestPrometheusOptions {
	/** Full URLs of the /metrics endpoints to scrape (loopback only). */
	readonly targets: readonly string[];
	/** Default '1s'; Prometheus durations such as '250ms' work too. */
	readonly scrapeInterval?: string;
	/** How long to wait for Prometheus to report ready. Default 20 s. */
	readonly startTimeoutMs?: number;
}

export interface TestPrometheus {
	/** Base URL of the query API, e.g. http://127.0.0.1:40123 */
	readonly url: string;
	readonly port: number;
	/** Runs an instant query and returns the raw JSON answer. */
	query(promql: string): Promise<unknown>;
	/**
	 * Polls `promql` until it returns at least one series whose summed value satisfies `accept`
	 * (default: any value), and returns that value. Throws after `timeoutMs` (default 20 s).
	 */
	waitForValue(promql: string, accept?: (value: number) => boolean, timeoutMs?: number): Promise<number>;
	/** Prometheus' own output so far, for failure messages. */
	log(): string;
	/** SIGTERM (SIGKILL after 5 s), then removes the temp dir. Safe to call twice. */
	stop(): Promise<void>;
}

/** A port nobody listens on right now (bound on loopback, then released). */
export async function freeLoopbackPort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address !== null ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

function targetConfig(url: string, index: number, interval: string): string {
	const parsed = new URL(url);
	if (!['127.0.0.1', '[::1]', 'localhost'].includes(parsed.hostname)) {
		throw new Error(`test Prometheus scrapes loopback only, not ${parsed.hostname}`);
	}
	const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
	return [
		`  - job_name: target${index}`,
		`    scrape_interval: ${interval}`,
		`    scrape_timeout: ${interval}`,
		`    scheme: ${parsed.protocol.replace(':', '')}`,
		`    metrics_path: ${JSON.stringify(parsed.pathname)}`,
		`    static_configs:`,
		`      - targets: [${JSON.stringify(`${parsed.hostname}:${port}`)}]`,
	].join('\n');
}

async function getJson(url: string): Promise<{status: number; body: unknown}> {
	const response = await request(url, {signal: AbortSignal.timeout(2000)});
	const text = await response.body.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// Not JSON (the readiness page): keep the text.
	}
	return {status: response.statusCode, body};
}

function summed(answer: unknown): number | null {
	const data = (answer as {data?: {resultType?: string; result?: unknown}})?.data;
	if (data?.resultType === 'scalar' && Array.isArray(data.result)) return Number(data.result[1]);
	if (data?.resultType !== 'vector' || !Array.isArray(data.result) || data.result.length === 0) return null;
	return (data.result as Array<{value: [number, string]}>).reduce((sum, series) => sum + Number(series.value[1]), 0);
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export async function startTestPrometheus(options: TestPrometheusOptions): Promise<TestPrometheus> {
	if (!existsSync(PROMETHEUS_BIN)) throw new Error(`${PROMETHEUS_BIN} not found (Debian package prometheus)`);
	const interval = options.scrapeInterval ?? '1s';
	const dir = await mkdtemp(join(tmpdir(), 'test-prometheus-'));
	const config = [
		'global:',
		`  scrape_interval: ${interval}`,
		`  evaluation_interval: ${interval}`,
		'scrape_configs:',
		...options.targets.map((target, index) => targetConfig(target, index, interval)),
		'',
	].join('\n');
	await writeFile(join(dir, 'prometheus.yml'), config);

	const port = await freeLoopbackPort();
	const url = `http://127.0.0.1:${port}`;
	let output = '';
	const child: ChildProcess = spawn(
		PROMETHEUS_BIN,
		[
			`--config.file=${join(dir, 'prometheus.yml')}`,
			`--storage.tsdb.path=${join(dir, 'data')}`,
			`--web.listen-address=127.0.0.1:${port}`,
			'--log.level=warn',
		],
		{stdio: ['ignore', 'pipe', 'pipe']},
	);
	child.stdout?.on('data', chunk => (output += String(chunk)));
	child.stderr?.on('data', chunk => (output += String(chunk)));
	const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
	let exitedEarly = false;
	void exited.then(() => (exitedEarly = true));

	let stopped = false;
	async function stop(): Promise<void> {
		if (stopped) return;
		stopped = true;
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(killer);
		}
		await rm(dir, {recursive: true, force: true});
	}

	const startDeadline = Date.now() + (options.startTimeoutMs ?? 20_000);
	for (;;) {
		if (exitedEarly) {
			await stop();
			throw new Error(`prometheus exited during start-up:\n${output}`);
		}
		try {
			const ready = await getJson(`${url}/-/ready`);
			if (ready.status === 200) break;
		} catch {
			// Not listening yet.
		}
		if (Date.now() > startDeadline) {
			await stop();
			throw new Error(`prometheus did not become ready:\n${output}`);
		}
		await sleep(100);
	}

	async function query(promql: string): Promise<unknown> {
		const {body} = await getJson(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
		return body;
	}

	async function waitForValue(promql: string, accept: (value: number) => boolean = () => true, timeoutMs = 20_000) {
		const deadline = Date.now() + timeoutMs;
		let last: unknown = null;
		for (;;) {
			last = await query(promql);
			const value = summed(last);
			if (value !== null && accept(value)) return value;
			if (Date.now() > deadline) {
				throw new Error(`no acceptable value for ${promql} within ${timeoutMs} ms; last answer ${JSON.stringify(last)}`);
			}
			await sleep(100);
		}
	}

	return {url, port, query, waitForValue, log: () => output, stop};
}
