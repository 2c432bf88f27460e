// What the bundle gets for `import … from 'undici'` (see scripts/build.mjs): the parts of
// undici the probe and the metrics fetch use, without undici's index.js, which also loads
// fetch, WebSocket, EventSource, caches, cookies, the mock agents and the interceptors — about
// half of undici, loaded and run at every start-up for nothing (measured with npm run bench).
// A name imported from 'undici' that is not exported here fails the build; add it here.

import Agent from 'undici/lib/dispatcher/agent.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import api from 'undici/lib/api/index.js';
import buildConnector from 'undici/lib/core/connect.js';
import {getGlobalDispatcher} from 'undici/lib/global.js';

// As undici's index.js does: request(), connect() … on every dispatcher (the probe calls
// dispatcher.request(); a proxy agent tunnels with connect()).
Object.assign(Dispatcher.prototype, api);

export {Agent, EnvHttpProxyAgent, buildConnector, getGlobalDispatcher};
