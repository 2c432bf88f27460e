// What undici's client.js gets for require('./client-h2.js') in the bundle (see
// scripts/build.mjs): the HTTP/2 client, loaded on its first use. undici speaks HTTP/2 only
// when asked to (allowH2), which the probe never does, and loading it loads node:http2 —
// a few ms of every start-up for nothing (measured with npm run bench).

let connectH2;

module.exports = function connectH2Lazily(client, socket) {
	connectH2 ??= require('undici/lib/dispatcher/client-h2.js');
	return connectH2(client, socket);
};
