// Certificates for the TLS faults, made with the installed `openssl` in a temporary
// directory: a test CA, leaves it signed (good, expired, for another host name) and a
// self-signed leaf. EC keys keep generation to a few tens of milliseconds.
//
//   const certs = makeTestCerts();
//   await startHttps(handler, certs.good);         // verifies with ca: certs.caPem
//   certs.cleanup();

import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export interface KeyAndCert {
	readonly key: string;
	readonly cert: string;
}

export interface TestCerts {
	readonly dir: string;
	/** The test CA, PEM; also written to `caFile`. */
	readonly caPem: string;
	readonly caFile: string;
	/** Signed by the CA, for 127.0.0.1, ::1 and localhost, valid now. */
	readonly good: KeyAndCert;
	/** Signed by the CA, same names, valid only in January 2020. */
	readonly expired: KeyAndCert;
	/** Signed by the CA, valid now, but only for `wrong.example`. */
	readonly wrongHost: KeyAndCert;
	/** Its own issuer, for 127.0.0.1 and localhost; also written to `selfSignedFile`. */
	readonly selfSigned: KeyAndCert;
	readonly selfSignedFile: string;
	cleanup(): void;
}

const LOOPBACK_NAMES = 'IP:127.0.0.1,IP:::1,DNS:localhost';
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

// `openssl ca` is the one OpenSSL 3.0 tool that sets arbitrary validity dates (x509 -days
// cannot reach into the past), so every leaf goes through it for one code path.
const CA_CONFIG = `
[ca]
default_ca = test
[test]
dir = .
database = db/index.txt
serial = db/serial
new_certs_dir = db
default_md = sha256
policy = any
copy_extensions = none
unique_subject = no
[any]
commonName = supplied
[loopback]
basicConstraints = CA:FALSE
subjectAltName = ${LOOPBACK_NAMES}
[wrong]
basicConstraints = CA:FALSE
subjectAltName = DNS:wrong.example
`;

export function makeTestCerts(): TestCerts {
	const dir = mkdtempSync(join(tmpdir(), 'stella-certs-'));
	const run = (args: string[]) => execFileSync('openssl', args, {cwd: dir, stdio: ['ignore', 'pipe', 'pipe']});
	const read = (name: string) => readFileSync(join(dir, name), 'utf8');
	mkdirSync(join(dir, 'db'));
	writeFileSync(join(dir, 'db/index.txt'), '');
	writeFileSync(join(dir, 'db/serial'), '01\n');
	writeFileSync(join(dir, 'ca.cnf'), CA_CONFIG);

	run(['req', '-x509', ...EC, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=stella-doctor test CA']);

	const leaf = (name: string, cn: string, extensions: string, dates: string[]): KeyAndCert => {
		run(['req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`]);
		run(['ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.pem', '-keyfile', 'ca.key', '-in', `${name}.csr`, '-out', `${name}.pem`, '-extensions', extensions, '-notext', ...dates]);
		return {key: read(`${name}.key`), cert: read(`${name}.pem`)};
	};
	const good = leaf('good', 'localhost', 'loopback', ['-days', '2']);
	const expired = leaf('expired', 'localhost', 'loopback', ['-startdate', '20200101000000Z', '-enddate', '20200102000000Z']);
	const wrongHost = leaf('wrong', 'wrong.example', 'wrong', ['-days', '2']);

	run(['req', '-x509', ...EC, '-keyout', 'self.key', '-out', 'self.pem', '-days', '2', '-subj', '/CN=localhost', '-addext', `subjectAltName=${LOOPBACK_NAMES}`]);

	return {
		dir,
		caPem: read('ca.pem'),
		caFile: join(dir, 'ca.pem'),
		good,
		expired,
		wrongHost,
		selfSigned: {key: read('self.key'), cert: read('self.pem')},
		selfSignedFile: join(dir, 'self.pem'),
		cleanup: () => rmSync(dir, {recursive: true, force: true}),
	};
}
