import type {DemoAuthority} from '../demo/authority.js';
import type {Config} from '../config.js';

/** Points the whole tool at the demo Authority: its endpoint, its client, its /metrics. */
export function withDemoAuthority(config: Config, authority: DemoAuthority): Config {
	return {
		...config,
		endpoint: authority.tokenEndpoint,
		credentials: {clientId: authority.clientId, clientSecret: authority.clientSecret},
		metrics: {...config.metrics, metricsUrl: config.metrics.metricsUrl ?? authority.metricsUrl},
	};
}
