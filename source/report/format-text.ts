// The short human report of --once: verdict, evidence, phases, and where to look next.

import {likelyCauses, tokenServiceCheck} from '../../checks/token-service.js';
import {EVIDENCE_KEYS, type Phases} from '../../checks/types.js';
import {sanitizeLine} from '../text/sanitize.js';
import type {ReportInput} from './report-input.js';

const BADGE = {pass: 'PASS', warn: 'WARN', fail: 'FAIL'} as const;

function evidenceValue(value: string | number | null, key: string): string {
	if (value === null) return key === 'Error' ? '-' : 'unknown';
	return sanitizeLine(String(value), 300);
}

function phaseText(label: string, ms: number | null): string {
	return `${label} ${ms === null ? '-' : `${ms.toFixed(1)} ms`}`;
}

export function formatPhases(phases: Phases): string {
	return [
		phaseText('dns', phases.dnsMs),
		phaseText('connect', phases.connectMs),
		phaseText('tls', phases.tlsMs),
		phaseText('first byte', phases.firstByteMs),
		phaseText('transfer', phases.transferMs),
	].join(', ');
}

export function formatTextReport({result, sample, metricsLines}: ReportInput): string {
	const lines: string[] = [];
	const mode = sample.mode === 'client_credentials' ? 'client-credentials token request' : 'reachability probe, no credentials';
	lines.push(`${BADGE[result.status]}  ${tokenServiceCheck.id}  (${mode})`);
	if (sample.insecure) lines.push('WARNING: TLS certificate verification is disabled (--insecure)');
	lines.push(sanitizeLine(result.message, 400));
	lines.push('');
	// "TokensIssuedLast24h: 1,204 (scrape, 2 s ago)": the figure with where it came from.
	const provenance = new Map<string, string>();
	for (const line of metricsLines ?? []) {
		const split = line.indexOf(': ');
		if (split > 0) provenance.set(line.slice(0, split), line.slice(split + 2));
	}
	for (const key of EVIDENCE_KEYS) {
		const value = provenance.get(key) ?? evidenceValue(result.evidence[key], key);
		lines.push(`  ${key.padEnd(20)} ${sanitizeLine(value, 300)}`);
	}
	lines.push(`  ${'Phases'.padEnd(20)} ${formatPhases(sample.phases)}`);
	const causes = likelyCauses(result);
	if (causes.length > 0) {
		lines.push('');
		lines.push('Likely causes:');
		for (const cause of causes) lines.push(`  - ${cause}`);
	}
	lines.push('');
	lines.push(`Verify with: ${tokenServiceCheck.verification.join(' ')}`);
	return lines.join('\n');
}
