/** A problem with what the user gave us: shown as one line, exit code 3, never a stack. */
export class ConfigError extends Error {
	override readonly name = 'ConfigError';
}
