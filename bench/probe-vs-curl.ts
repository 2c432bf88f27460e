// How close is the probe's response time to curl's time_total on the same server? Both make
// a fresh connection and POST the same form; rounds alternate so drift hits both alike.
// Prints the median difference; the target is within 2 ms.

import {execFile} from 'node:child_process';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {promisify} from 'node:util';
import {createProber} from '../source/probe/prober.js';

const run = promisify(execFile);
const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const server = createServer((request, response) => {
	request.resume();
	request.on('end', () => {
		setTimeout(() => {
			response.writeHead(400, {'content-type': 'application/json'});
			response.end('{"error":"unsupported_grant_type"}');
		}, DELAY_MS);
	});
});
await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/connect/token`;
const prober = createProber({endpoint: url, timeoutMs: 10_000});

const ours: number[] = [];
const curls: number[] = [];
const differences: number[] = [];
for (let round = 0; round < ROUNDS + 5; round++) {
	const sample = await prober.probe();
	const {stdout} = await run('curl', ['-s', '-o', '/dev/null', '-w', '%{time_total}', '-X', 'POST', '-d', 'grant_type=client_credentials', url]);
	if (round < 5) continue; // warm-up: JIT and first-connection costs on both sides
	const curlMs = Number(stdout) * 1000;
	ours.push(sample.responseTimeMs ?? Number.NaN);
	curls.push(curlMs);
	differences.push((sample.responseTimeMs ?? Number.NaN) - curlMs);
}
await prober.close();
server.close();

const diff = median(differences);
console.log(`probe vs curl, server delay ${DELAY_MS} ms, ${ROUNDS} rounds (after 5 warm-up)`);
console.log(`  median probe      ${median(ours).toFixed(2)} ms`);
console.log(`  median curl       ${median(curls).toFixed(2)} ms`);
console.log(`  median difference ${diff >= 0 ? '+' : ''}${diff.toFixed(2)} ms (target: within 2 ms) ${Math.abs(diff) <= 2 ? 'OK' : 'OVER'}`);
