// What the terminal can show, from the environment: colour (NO_COLOR, TERM=dumb, a
// monochrome terminal) and character set (the locale: C/POSIX or a non-UTF-8 charset means
// ASCII only).

export type Env = Readonly<Record<string, string | undefined>>;

/** Colour unless NO_COLOR is set (non-empty), TERM is dumb, FORCE_COLOR=0, or the terminal has no colours. */
export function detectColour(env: Env, stdout?: {hasColors?: (count?: number) => boolean; isTTY?: boolean}): boolean {
	if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
	if (env.TERM === 'dumb') return false;
	if (env.FORCE_COLOR === '0') return false;
	if (stdout?.isTTY && typeof stdout.hasColors === 'function') return stdout.hasColors();
	return true;
}

/**
 * ASCII only unless the effective locale (LC_ALL, then LC_CTYPE, then LANG) names UTF-8. An
 * unset locale is the POSIX locale, which is ASCII: better a plain chart than mojibake.
 */
export function detectAscii(env: Env): boolean {
	const locale = [env.LC_ALL, env.LC_CTYPE, env.LANG].find(value => value !== undefined && value !== '');
	if (locale === undefined) return true;
	return !/utf-?8/i.test(locale);
}
