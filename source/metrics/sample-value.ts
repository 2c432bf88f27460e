// Sample values as Prometheus writes them — in the text exposition and in query answers
// alike: decimal or exponent numbers, "NaN", "+Inf", "-Inf". Number() alone is too lenient
// (Number('') is 0, Number('0x10') is 16), so the accepted shapes are spelled out.

export type ValueOutcome = {readonly ok: true; readonly value: number} | {readonly ok: false; readonly error: string};

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * A finite number, or why not. `what` names the series or query in the message, so the
 * operator learns which figure was NaN rather than just that something was.
 */
export function parseSampleValue(raw: unknown, what: string): ValueOutcome {
	if (typeof raw === 'number') return checkFinite(raw, what);
	if (typeof raw !== 'string') return {ok: false, error: `non-numeric value for ${what}`};
	const text = raw.trim();
	const lower = text.toLowerCase();
	if (lower === 'nan') return {ok: false, error: `value is NaN for ${what}`};
	if (lower === '+inf' || lower === 'inf' || lower === '-inf') return {ok: false, error: `value is infinite for ${what}`};
	if (!NUMBER.test(text)) return {ok: false, error: `non-numeric value "${text}" for ${what}`};
	return checkFinite(Number(text), what);
}

function checkFinite(value: number, what: string): ValueOutcome {
	if (Number.isNaN(value)) return {ok: false, error: `value is NaN for ${what}`};
	if (!Number.isFinite(value)) return {ok: false, error: `value is infinite for ${what}`};
	return {ok: true, value};
}
