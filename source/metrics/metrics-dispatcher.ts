// The metrics fetches go out the way the probe does: through the same proxies (HTTP_PROXY,
// HTTPS_PROXY, NO_PROXY as read at start), trusting the same extra CA (--ca), skipping the
// certificate check only with --insecure. Unlike the probe, one dispatcher serves the whole run:
// a figure fetched every 30 s gains nothing from a fresh connection each time.

import {Agent, EnvHttpProxyAgent, type Dispatcher} from 'undici';
import {usesProxy, type ProxySettings} from '../probe/proxy-settings.js';
import {contextWithCa} from '../probe/tls-context.js';

export interface ConnectionSettings {
	readonly ca?: string | Buffer;
	readonly insecure?: boolean;
	readonly proxy: ProxySettings;
	readonly metrics: {readonly prometheusUrl: string | null; readonly metricsUrl: string | null};
}

/** The dispatcher for the configured metrics source; none when there is no source (nothing to set up). */
export function metricsDispatcherFor(settings: ConnectionSettings): Dispatcher | undefined {
	if (settings.metrics.prometheusUrl === null && settings.metrics.metricsUrl === null) return undefined;
	return createMetricsDispatcher(settings);
}

export function createMetricsDispatcher(settings: Omit<ConnectionSettings, 'metrics'>): Dispatcher {
	const tls = {
		...(settings.ca === undefined ? {} : {secureContext: contextWithCa(settings.ca)}),
		rejectUnauthorized: settings.insecure !== true,
	};
	const {proxy} = settings;
	if (!usesProxy(proxy)) return new Agent({connect: tls});
	return new EnvHttpProxyAgent({
		connect: tls,
		// '' rather than undefined: undici would otherwise read process.env behind our back.
		httpProxy: proxy.httpProxy ?? '',
		httpsProxy: proxy.httpsProxy ?? '',
		noProxy: proxy.noProxy ?? '',
		requestTls: tls,
		// As the probe: http targets go to the proxy in absolute form, as curl sends them.
		proxyTunnel: false,
	});
}
