// Entry of demo-ctl (bundled as dist/demo-ctl.js): the demo environment's runbook commands.
import {runDemoCtl} from './demo-ctl.js';

process.exitCode = await runDemoCtl(process.argv.slice(2), {
	out: line => process.stdout.write(`${line}\n`),
	err: line => process.stderr.write(`${line}\n`),
});
