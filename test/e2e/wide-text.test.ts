// Text from outside the program (a compose file name from the flags, step output) may be wide
// CJK. A row cut by Ink where a wide character straddles the edge comes out one cell too wide;
// the screen's outer box must clip it, or the terminal wraps that row and the whole screen
// scrolls by a line (found by review: the first row vanished and the status line showed twice).

import {createServer, type Server} from 'node:net';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {monitorCommand, startSession, type Session} from './tui-terminal.js';

let session: Session | null = null;
let closedPort = 0;

beforeAll(async () => {
	// A port that refuses: the probe fails at once, which is all this test needs of it.
	const server: Server = createServer();
	await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
	closedPort = (server.address() as {port: number}).port;
	await new Promise<void>(done => server.close(() => done()));
});

afterEach(() => {
	session?.kill();
	session = null;
});

afterAll(() => session?.kill());

describe('wide characters at the right edge', () => {
	it('a runbook command with CJK wider than the screen leaves every row in place', async () => {
		const composeFile = `/srv/${'設定'.repeat(40)}.yml`;
		const args = [...monitorCommand(`http://127.0.0.1:${closedPort}/connect/token`, 5), '--env', 'compose', '--compose-file', composeFile];
		session = startSession(args, {columns: 80, rows: 24});
		const screen = await session.waitFor('the compose command row', lines => lines.some(line => line.includes('docker compose -f')));
		expect(screen[0]).toMatch(/^check\.auth\.token-service/);
		expect(screen.filter(line => /^ (PASS|WARN|FAIL) /.test(line))).toHaveLength(1);
		expect(session.wrappedRows()).toEqual([]);
		session.type('q');
		expect((await session.exited()).exitCode).toBe(0);
	});
});
