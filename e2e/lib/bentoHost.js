'use strict';
// Makes n8n's requests to https://app.bentonow.com land on the local stand-in, without touching
// the internet: n8n is started with HTTPS_PROXY pointing at a CONNECT proxy here, which answers
// every tunnel itself with TLS (a throwaway certificate for app.bentonow.com that n8n trusts
// through NODE_EXTRA_CA_CERTS) and hands the decrypted connection to the stand-in.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const tls = require('node:tls');

const BENTO_HOST = 'app.bentonow.com';

function makeCertificate(dir) {
	const key = path.join(dir, 'key.pem');
	const cert = path.join(dir, 'cert.pem');
	execFileSync(
		'openssl',
		[
			...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1'],
			...['-keyout', key, '-out', cert, '-subj', `/CN=${BENTO_HOST}`],
			...['-addext', `subjectAltName=DNS:${BENTO_HOST}`],
		],
		{ stdio: 'ignore' },
	);
	return { key: fs.readFileSync(key), cert: fs.readFileSync(cert), certFile: cert };
}

/** Starts the proxy in front of `sandbox`; returns the environment n8n needs and `close()`. */
async function serveBentoHost(sandbox) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bento-host-'));
	const { key, cert, certFile } = makeCertificate(dir);
	const tunnels = [];
	const proxy = http.createServer((req, res) => {
		res.writeHead(405).end('CONNECT only');
	});
	proxy.on('connect', (req, socket, head) => {
		tunnels.push(req.url);
		if (req.url !== `${BENTO_HOST}:443`) {
			socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
			return;
		}
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		if (head?.length) socket.unshift(head);
		const secure = new tls.TLSSocket(socket, { isServer: true, key, cert });
		sandbox.accept(secure);
	});
	await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	const proxyUrl = `http://127.0.0.1:${proxy.address().port}`;
	return {
		tunnels,
		env: {
			HTTPS_PROXY: proxyUrl,
			https_proxy: proxyUrl,
			NO_PROXY: '127.0.0.1,localhost',
			NODE_EXTRA_CA_CERTS: certFile,
		},
		async close() {
			proxy.closeAllConnections?.();
			await new Promise((resolve) => proxy.close(resolve));
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

module.exports = { BENTO_HOST, serveBentoHost };
