// What the kernel says a process costs: CPU time from /proc/PID/stat (utime + stime, plus the
// reaped children's cutime + cstime, plus any live descendants), resident memory from
// /proc/PID/status. Linux only, which is where the bastion hosts are.

import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';

const TICKS_PER_SECOND = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;
	} catch {
		return 100;
	}
})();

interface StatFields {
	readonly ppid: number;
	/** utime + stime + cutime + cstime, in seconds. */
	readonly cpuSeconds: number;
}

function readStat(pid: number): StatFields | null {
	let text: string;
	try {
		text = readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return null;
	}
	// The command name is in parentheses and may itself contain spaces or parentheses.
	const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
	// After the name: state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17); fields[0] is field 3.
	const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
	return {ppid: Number(fields[1]), cpuSeconds: ticks / TICKS_PER_SECOND};
}

/** CPU seconds of this process's children that have ended and been waited for (cutime + cstime). */
export function reapedChildrenCpuSeconds(): number {
	try {
		const text = readFileSync('/proc/self/stat', 'utf8');
		const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
	} catch {
		return Number.NaN;
	}
}

/** The pid and every live descendant. */
export function processTree(root: number): number[] {
	const children = new Map<number, number[]>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const stat = readStat(Number(entry));
		if (!stat) continue;
		const list = children.get(stat.ppid) ?? [];
		list.push(Number(entry));
		children.set(stat.ppid, list);
	}
	const tree: number[] = [];
	const queue = [root];
	while (queue.length > 0) {
		const pid = queue.shift() as number;
		tree.push(pid);
		queue.push(...(children.get(pid) ?? []));
	}
	return tree;
}

/** CPU seconds used so far by the process, its reaped children and its live descendants. */
export function cpuSeconds(root: number): number {
	let total = 0;
	for (const pid of processTree(root)) total += readStat(pid)?.cpuSeconds ?? 0;
	return total;
}

/** VmRSS in bytes, or null when the process is gone. */
export function rssBytes(pid: number): number | null {
	try {
		const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) * 1024 : null;
	} catch {
		return null;
	}
}

/** Resident memory of the process and its live descendants, in bytes. */
export function treeRssBytes(root: number): number {
	return processTree(root).reduce((sum, pid) => sum + (rssBytes(pid) ?? 0), 0);
}
