// Remediation runbooks as data. A step is an argv template, never a shell string: a
// placeholder is replaced inside the one argv element that names it, so whatever a value
// contains (spaces, `;`, quotes, `$(…)`) reaches the program as that one element.

import type {EnvironmentId, Placeholders} from './types.js';

export type PlaceholderName = keyof Placeholders;

export const PLACEHOLDER_NAMES = [
	'composeFile',
	'composeService',
	'namespace',
	'selector',
	'deployment',
	'replicas',
	'authorityUrl',
] as const satisfies ReadonlyArray<PlaceholderName>;

export interface RunbookStep {
	/** Stable within its runbook (used in the audit log and by tests). */
	readonly id: string;
	/** What the step is for, in a few words (the spec's comment line). */
	readonly label: string;
	/** Program and arguments; elements may contain `{placeholder}` parts. */
	readonly argv: readonly string[];
	/**
	 * A second program fed with the first one's stdout, for the spec's one pipeline. The
	 * runner joins the two processes with a pipe itself; no shell is involved.
	 */
	readonly pipeTo?: readonly string[];
	/** Restarts, rolls out or scales: asks first, and is locked in read-only mode. */
	readonly changesState: boolean;
	/** Runs until cancelled (watching, following) rather than ending by itself. */
	readonly longRunning: boolean;
	/** How the step differs from the spec's command line, and why. */
	readonly note?: string;
}

export interface Runbook {
	readonly environment: EnvironmentId;
	/** The spec's heading for the environment, e.g. "Kubernetes / Helm". */
	readonly title: string;
	readonly steps: readonly RunbookStep[];
}

/** A step with its placeholders filled: what the runner executes. */
export interface FilledCommand {
	readonly argv: readonly string[];
	readonly pipeTo: readonly string[] | null;
}

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;
const KNOWN = new Set<string>(PLACEHOLDER_NAMES);

/**
 * Replaces `{name}` parts of one argv element. Only known names are replaced, so literal
 * braces (curl's `%{http_code}`) survive, and a single pass means a value that itself
 * contains `{namespace}` is never expanded again.
 */
export function fillArgument(template: string, placeholders: Placeholders): string {
	return template.replace(PLACEHOLDER, (whole, name: string) =>
		KNOWN.has(name) ? placeholders[name as PlaceholderName] : whole,
	);
}

export function fillArgv(argv: readonly string[], placeholders: Placeholders): string[] {
	return argv.map(element => fillArgument(element, placeholders));
}

export function fillStep(step: RunbookStep, placeholders: Placeholders): FilledCommand {
	return {
		argv: fillArgv(step.argv, placeholders),
		pipeTo: step.pipeTo ? fillArgv(step.pipeTo, placeholders) : null,
	};
}

// Characters that never need quoting in a POSIX shell word.
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One argv element as a POSIX shell word: bare when safe, else single-quoted. */
export function quoteArgument(element: string): string {
	if (SAFE_WORD.test(element)) return element;
	// Inside single quotes nothing is special except the quote itself, which is closed,
	// escaped and reopened.
	return `'${element.replace(/'/g, `'\\''`)}'`;
}

/**
 * A command line for people to read, copy or paste into a ticket. Display only: the
 * runner never goes through it, it executes the argv array.
 */
export function formatCommandLine(argv: readonly string[]): string {
	return argv.map(quoteArgument).join(' ');
}

/** The whole command, with the pipeline written as a shell would show it. */
export function formatFilledCommand(command: FilledCommand): string {
	const first = formatCommandLine(command.argv);
	return command.pipeTo ? `${first} | ${formatCommandLine(command.pipeTo)}` : first;
}

export function commandLineOf(step: RunbookStep, placeholders: Placeholders): string {
	return formatFilledCommand(fillStep(step, placeholders));
}

// C0/C1 controls and DEL: a value with them could rewrite the operator's screen when shown.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Why a set of placeholder values is unusable, or null. For the config loader: the runner
 * is safe with any value, but a value starting with `-` would be read by the program as an
 * option (argument injection) and control characters have no place in a command line.
 */
export function validatePlaceholders(placeholders: Placeholders): string | null {
	for (const name of PLACEHOLDER_NAMES) {
		const value = placeholders[name];
		if (typeof value !== 'string' || value.length === 0) return `${name} must not be empty`;
		if (CONTROL.test(value)) return `${name} must not contain control characters`;
		if (value.startsWith('-')) return `${name} must not start with "-" (it would be read as an option)`;
	}
	if (!/^\d{1,4}$/.test(placeholders.replicas)) return 'replicas must be a whole number (0-9999)';
	if (!/^https?:\/\/\S+$/.test(placeholders.authorityUrl)) return 'authorityUrl must be an http:// or https:// URL';
	return null;
}
