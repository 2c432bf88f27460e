// Issue 5 end to end: the built CLI's --demo in a real pseudo-terminal. The embedded
// Authority issues real tokens; the fault keys drive it through WARN and FAIL, the demo
// runbook's restart brings PASS back, and q leaves no Authority process behind.

import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {eventually, isAlive} from '../remediation/stand-ins.js';
import {childrenOf, cliCommand, ensureBuilt, screenText, statusLine} from './cli-helpers.js';
import {cursorShown, startSession, type Session} from './tui-terminal.js';

let session: Session | null = null;

beforeAll(async () => {
	await ensureBuilt();
}, 60_000);

afterEach(() => {
	session?.kill();
	session = null;
});

const tokensIssued = (screen: readonly string[]): number => {
	const match = /TokensIssuedLast24h (\d[\d,]*)/.exec(screenText(screen));
	return match ? Number(match[1]!.replace(/,/g, '')) : 0;
};

describe('--demo in a terminal', () => {
	it('PASS with real tokens; w → WARN, f → FAIL, d → FAIL refused; restart step → PASS; q leaves no process', async () => {
		session = startSession(cliCommand('--demo', '--interval', '1'));
		const s = session;
		const cliPid = s.child.pid;

		let screen = await s.waitFor('PASS with tokens issued', current => /\bPASS\b/.test(statusLine(current)) && tokensIssued(current) > 0);
		expect(screen[0]).toContain('DEMO');
		expect(screen[0]).toContain('env demo');
		expect(screenText(screen)).toContain('Runbook · Demo Authority (embedded)');
		// The fault keys are offered in demo mode.
		expect(screenText(screen)).toMatch(/w slow +f very slow +d stop/);

		// The Authority runs in a child of the CLI (its output kept off the screen).
		const authorities = childrenOf(cliPid).filter(child => child.args.includes('demo-authority.js'));
		expect(authorities).toHaveLength(1);
		const authorityPid = authorities[0]!.pid;

		s.type('w');
		screen = await s.waitFor('WARN', current => /\bWARN\b/.test(statusLine(current)));
		expect(statusLine(screen)).toMatch(/WARN +\d+ ms/);
		expect(screenText(screen)).toContain('PASS → WARN');

		s.type('f');
		screen = await s.waitFor('FAIL (heavy latency)', current => /\bFAIL\b/.test(statusLine(current)));
		// Heavy latency is an answer that came too late, not a refusal.
		expect(screenText(screen)).not.toContain('ECONNREFUSED');
		expect(screenText(screen)).toContain('WARN → FAIL');

		s.type('d');
		screen = await s.waitFor('FAIL with the refusal', current => /\bFAIL\b/.test(statusLine(current)) && /Error connect ECONNREFUSED/.test(screenText(current)));
		expect(statusLine(screen)).toMatch(/FAIL +no answer/);
		expect(screenText(screen)).toContain('ServiceAvailable NO');

		// The demo runbook's restart: asks first, with the exact command line.
		s.type('3');
		screen = await s.waitFor('confirmation', current => screenText(current).includes('Run step 3?'));
		expect(screenText(screen)).toContain('Restart the Authority');
		expect(screenText(screen)).toMatch(/demo-ctl\.js restart --control/);
		expect(screenText(screen)).toContain('(default: No)');
		s.type('y');
		screen = await s.waitFor(
			'restart ran and PASS is back',
			current => /Output · Restart the Authority .*· exit 0/.test(screenText(current)) && /\bPASS\b/.test(statusLine(current)),
		);
		// The timeline line is one row at 80 columns: the recovery is its newest entry once the
		// probe after the step has been drawn.
		screen = await s.waitFor('the recovery on the timeline', current => screenText(current).includes('FAIL → PASS'));
		expect(screenText(screen)).toContain('ServiceAvailable YES');
		// Restart brings the listener back in the same child process.
		expect(isAlive(authorityPid)).toBe(true);

		s.type('q');
		const exit = await s.exited();
		expect(exit.exitCode).toBe(0);
		expect(s.terminal.buffer.active.type).toBe('normal');
		expect(cursorShown(s.output())).toBe(true);
		// No Authority left running (a correctness bound, not a benchmark).
		expect(await eventually(() => !isAlive(authorityPid), 3000)).toBe(true);
		expect(childrenOf(cliPid)).toEqual([]);
		// The Authority's own output (oidc-provider's runtime warning) never reached the screen.
		expect(s.output()).not.toMatch(/oidc-provider|unsupported runtime/i);
	}, 40_000);

	// Every way out ends the Authority child, not only q.
	it.each([
		{way: 'Ctrl+C', end: (s: Session) => s.type('\u0003'), exitCode: 0},
		{way: 'SIGTERM', end: (s: Session) => s.child.kill('SIGTERM'), exitCode: 143},
		{way: 'SIGHUP', end: (s: Session) => s.child.kill('SIGHUP'), exitCode: 129},
	])('0 clears a fault; $way leaves no Authority process', async ({end, exitCode}) => {
		session = startSession(cliCommand('--demo', '--interval', '1'));
		const s = session;
		await s.waitFor('PASS', current => /\bPASS\b/.test(statusLine(current)));
		const authorities = childrenOf(s.child.pid).filter(child => child.args.includes('demo-authority.js'));
		expect(authorities).toHaveLength(1);
		const authorityPid = authorities[0]!.pid;

		s.type('w');
		await s.waitFor('WARN', current => /\bWARN\b/.test(statusLine(current)));
		s.type('0');
		const screen = await s.waitFor('PASS after clearing', current => /\bPASS\b/.test(statusLine(current)));
		expect(screenText(screen)).toContain('WARN → PASS');

		end(s);
		const exit = await s.exited();
		expect(exit.exitCode).toBe(exitCode);
		expect(s.terminal.buffer.active.type).toBe('normal');
		expect(await eventually(() => !isAlive(authorityPid), 3000)).toBe(true);
	}, 30_000);
});
