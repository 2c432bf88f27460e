import {demoCtlEntryArgs} from './child-entry.js';
import type {DemoCtlCommand} from './demo-ctl.js';

export {DEMO_CTL_COMMANDS, type DemoCtlCommand} from './demo-ctl.js';

/**
 * The full argv of one demo runbook step: node, the demo-ctl entry (dist/demo-ctl.js in the
 * built product, the TypeScript source through tsx otherwise) and the command. No shell is
 * involved; the control URL is a single argv element.
 */
export function demoCtlArgv(command: DemoCtlCommand, controlUrl: string, base?: string | URL): string[] {
	return [process.execPath, ...demoCtlEntryArgs(base), command, '--control', controlUrl];
}
