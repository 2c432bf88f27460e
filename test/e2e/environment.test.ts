// Environment detection through the built CLI: the screen starts at once on the fallback
// runbook, and follows kubectl's answer when it comes (a slow kubectl must not hold the screen).

import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, expect, it} from 'vitest';
import {childEnv, monitorCommand, startSession, type Session} from './tui-terminal.js';

let session: Session | null = null;
let dir: string | null = null;

afterEach(() => {
	session?.child.kill('SIGKILL');
	session = null;
	if (dir) rmSync(dir, {recursive: true, force: true});
	dir = null;
});

it('starts on the fallback runbook and switches to kubernetes when a slow kubectl names a context', async () => {
	dir = mkdtempSync(join(tmpdir(), 'stella-kubectl-'));
	const kubectl = join(dir, 'kubectl');
	writeFileSync(kubectl, '#!/bin/sh\nif [ "$1 $2" = "config current-context" ]; then sleep 1; echo incident-cluster; exit 0; fi\nexit 1\n');
	chmodSync(kubectl, 0o755);
	const env = childEnv({PATH: `${dir}:${process.env.PATH ?? ''}`});
	session = startSession(monitorCommand('http://127.0.0.1:9/connect/token', 5), {env});
	const early = await session.waitFor('the screen', current => current.some(line => line.includes('Runbook')));
	// Drawn before kubectl answered (it sleeps a second): the fallback is on screen.
	expect(early.join('\n')).toContain('Runbook · Bare Metal / systemd');
	const later = await session.waitFor('kubernetes runbook', current => current.some(line => line.includes('Runbook · Kubernetes / Helm')));
	expect(later.join('\n')).toContain('env kubernetes');
	// The timeline row is cut at 80 columns: the reason starts the same way.
	expect(later.join('\n')).toContain('runbook environment kubernetes (kubectl context');
}, 30_000);
