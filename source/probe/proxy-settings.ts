// Proxy settings come from the environment as curl reads them (lower case first). They
// are read once, at start, from the environment handed in — not from process.env globally.

export interface ProxySettings {
	readonly httpProxy?: string;
	readonly httpsProxy?: string;
	readonly noProxy?: string;
}

export function proxySettingsFrom(env: Readonly<Record<string, string | undefined>>): ProxySettings {
	const pick = (name: string): string | undefined => {
		const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
		return value && value.trim() !== '' ? value.trim() : undefined;
	};
	return {httpProxy: pick('http_proxy'), httpsProxy: pick('https_proxy'), noProxy: pick('no_proxy')};
}

export function usesProxy(settings: ProxySettings): boolean {
	return Boolean(settings.httpProxy || settings.httpsProxy);
}

/**
 * The proxy a request to `url` would be sent to, ignoring NO_PROXY (undici applies that):
 * https uses HTTPS_PROXY, falling back to HTTP_PROXY, as undici's EnvHttpProxyAgent does.
 */
export function proxyFor(url: URL, settings: ProxySettings): string | undefined {
	return url.protocol === 'https:' ? (settings.httpsProxy ?? settings.httpProxy) : settings.httpProxy;
}
