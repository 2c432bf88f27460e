// The live monitor end to end: a real pseudo-terminal, a real Authority (oidc-provider in a
// child process) whose latency and availability the test changes from outside.

import {spawn} from 'node:child_process';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {DemoAuthority} from '../../source/demo/authority.js';
import {startTestAuthority} from '../support/test-authority.js';
import {childEnv, cursorShown, harnessCommand, monitorCommand, startSession, type Session} from './tui-terminal.js';

let authority: DemoAuthority;
let session: Session | null = null;

beforeAll(async () => {
	authority = await startTestAuthority();
}, 30_000);

afterAll(async () => {
	await authority?.close();
});

afterEach(async () => {
	session?.kill();
	session = null;
	await authority.restart();
});

const statusLine = (screen: string[]) => screen[1] ?? '';
const count = (screen: string[], pattern: RegExp) => screen.filter(line => pattern.test(line)).length;

describe('live monitor in a terminal', () => {
	it('follows PASS → WARN → FAIL → PASS, draws bands and failures, redraws cleanly on resize, and q restores the terminal', async () => {
		session = startSession(monitorCommand(authority.tokenEndpoint, 1));
		const s = session;
		let screen = await s.waitFor('PASS', current => /\bPASS\b/.test(statusLine(current)));
		expect(s.terminal.buffer.active.type).toBe('alternate');
		expect(screen[0]).toContain('check.auth.token-service');
		expect(screen[0]).toContain(authority.tokenEndpoint);
		expect(screen.join('\n')).toContain('warn 500');
		expect(screen.join('\n')).toContain('crit 2000');
		expect(screen.join('\n')).toMatch(/ServiceAvailable +YES/);
		expect(screen[22]).toContain('r probe now');

		await authority.setLatency(800);
		screen = await s.waitFor('WARN', current => /\bWARN\b/.test(statusLine(current)));
		// 800 ms of added latency: above the warning threshold, below critical (the exact figure
		// drifts upwards on a loaded machine).
		const shown = Number(/WARN +(\d+) ms/.exec(statusLine(screen))?.[1]);
		expect(shown).toBeGreaterThanOrEqual(800);
		expect(shown).toBeLessThanOrEqual(2000);
		expect(screen.join('\n')).toMatch(/\d\d:\d\d:\d\d PASS → WARN \d+ ms/);

		// Help shows the causes for the current level.
		s.type('?');
		screen = await s.waitFor('help', current => current.some(line => line.includes('Help (WARN)')));
		expect(screen.join('\n')).toContain('Higher than normal load');
		expect(screen.join('\n')).not.toContain('Authority service not running');
		s.type('?');
		await s.waitFor('help closed', current => current.some(line => line.includes('ServiceAvailable')));

		await authority.stop();
		screen = await s.waitFor('FAIL with the refusal', current => /\bFAIL\b/.test(statusLine(current)) && current.some(line => /\bError +connect ECONNREFUSED 127\.0\.0\.1:\d+/.test(line)));
		expect(statusLine(screen)).toMatch(/FAIL +no answer/);
		expect(screen.join('\n')).toMatch(/ServiceAvailable +NO/);
		expect(screen.join('\n')).toContain('×'); // failed probes marked on the chart
		s.type('?');
		screen = await s.waitFor('help on FAIL', current => current.some(line => line.includes('Help (FAIL)')));
		expect(screen.join('\n')).toContain('Authority service not running');
		s.type('\u001b');
		await s.waitFor('help closed', current => current.some(line => line.includes('ServiceAvailable')));

		await authority.start();
		await authority.setLatency(0);
		screen = await s.waitFor('PASS again', current => /\bPASS\b/.test(statusLine(current)));
		expect(screen.join('\n')).toMatch(/FAIL → PASS \d+ ms/);

		// Resize to 120x40 and back: one header, one key bar, nothing wider than the terminal.
		for (const [columns, rows] of [[120, 40], [80, 24]] as const) {
			s.resize(columns, rows);
			screen = await s.waitFor(`${columns}x${rows} redraw`, current => current.length === rows && (current[rows - 2] ?? '').includes('r probe now'));
			await new Promise(done => setTimeout(done, 300));
			// A late second resize signal (a loaded machine) may blank the screen once more: wait for
			// the full frame again, then count — debris would show as two of anything.
			screen = await s.waitFor('settled', current => current.length === rows && (current[rows - 2] ?? '').includes('r probe now'));
			expect(count(screen, /check\.auth\.token-service/)).toBe(1);
			expect(count(screen, /r probe now/)).toBe(1);
			expect(count(screen, /ServiceAvailable/)).toBe(1);
			expect(s.wrappedRows()).toEqual([]);
			expect(screen[rows - 1]).toBe('');
		}

		// Paused, only the age moves: each second costs a line, not a screen.
		s.type('p');
		await s.waitFor('paused', current => statusLine(current).includes('PAUSED'));
		await new Promise(done => setTimeout(done, 1200));
		const before = s.bytes();
		await new Promise(done => setTimeout(done, 3000));
		expect(s.bytes() - before).toBeLessThan(1500);

		// Something else writes over the screen (a `wall` broadcast on a shared host): only the
		// cells that change are sent, so it stays; Ctrl+L clears and draws everything again.
		const clean = await s.waitFor('paused screen', current => current.some(line => line.includes('ServiceAvailable')));
		await new Promise<void>(done => s.terminal.write('\u001b[12;5HBroadcast message from root@bastion', done));
		await new Promise(done => setTimeout(done, 1500));
		expect(s.screen().join('\n')).toContain('Broadcast message from root');
		s.type('\u000c');
		screen = await s.waitFor('repainted', current => !current.join('\n').includes('Broadcast') && current.some(line => line.includes('ServiceAvailable')));
		expect(screen.slice(2)).toEqual(clean.slice(2));

		s.type('q');
		const exit = await s.exited();
		expect(exit.exitCode).toBe(0);
		expect(s.terminal.buffer.active.type).toBe('normal');
		expect(cursorShown(s.output())).toBe(true);
	}, 90_000);

	it('stays readable in ASCII without colour (LC_ALL=C, NO_COLOR), and SIGTERM restores the terminal', async () => {
		session = startSession(monitorCommand(authority.tokenEndpoint, 1), {env: childEnv({LC_ALL: 'C', NO_COLOR: '1'})});
		const s = session;
		const screen = await s.waitFor('[PASS]', current => statusLine(current).startsWith('[PASS]'));
		expect(screen.join('\n')).toMatch(/^[\x20-\x7e\n]*$/);
		expect(screen.join('\n')).toContain('warn 500+...');
		// No colour: the only SGR sequence is the reset.
		expect(s.output().match(/\u001b\[[0-9;]*m/g)?.filter(sgr => sgr !== '\u001b[0m' && sgr !== '\u001b[m') ?? []).toEqual([]);
		s.child.kill('SIGTERM');
		const exit = await s.exited();
		expect(exit.exitCode).toBe(143);
		expect(s.terminal.buffer.active.type).toBe('normal');
		expect(cursorShown(s.output())).toBe(true);
	}, 60_000);

	it('an uncaught error restores the terminal and says what happened', async () => {
		session = startSession(harnessCommand(authority.tokenEndpoint, 1, ['--crash-after', '2500']));
		const s = session;
		await s.waitFor('PASS', current => /\bPASS\b/.test(statusLine(current)));
		const exit = await s.exited();
		expect(exit.exitCode).toBe(1);
		expect(s.terminal.buffer.active.type).toBe('normal');
		expect(cursorShown(s.output())).toBe(true);
		expect(s.screen().join('\n')).toContain('stella-doctor-tui: harness crash on purpose');
	}, 60_000);

	it('exits on SIGHUP (the SSH session dropped) with 129', async () => {
		session = startSession(monitorCommand(authority.tokenEndpoint, 1));
		const s = session;
		await s.waitFor('PASS', current => /\bPASS\b/.test(statusLine(current)));
		s.child.kill('SIGHUP');
		const exit = await s.exited();
		expect(exit.exitCode).toBe(129);
	}, 60_000);

	it('without a terminal on stdin prints one plain line per probe, says so once, and ends on Ctrl+C', async () => {
		const [first, ...rest] = monitorCommand(authority.tokenEndpoint, 1);
		const child = spawn(process.execPath, [first!, ...rest], {env: childEnv(), stdio: ['pipe', 'pipe', 'pipe']});
		let out = '';
		let err = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
		child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
		try {
			const deadline = Date.now() + 15_000;
			while (out.split('\n').filter(line => /^\d\d:\d\d:\d\d PASS \d+ ms$/.test(line)).length < 2 && Date.now() < deadline) {
				await new Promise(done => setTimeout(done, 50));
			}
			child.kill('SIGINT');
			const code = await new Promise<number | null>(done => child.once('exit', code => done(code)));
			expect(code).toBe(0);
			const lines = out.split('\n');
			expect(err).toMatch(/^stella-doctor-tui: stdin is not a terminal, so no live screen[^\n]*\n$/);
			expect(lines.slice(0, 2).every(line => /^\d\d:\d\d:\d\d PASS \d+ ms$/.test(line))).toBe(true);
			expect(out).not.toContain('\u001b');
		} finally {
			child.kill('SIGKILL');
		}
	}, 60_000);
});
