import { randomBytes, X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { connect as connectH2 } from 'node:http2';
import { join } from 'node:path';
import { type ConnectionOptions, connect, type TLSSocket } from 'node:tls';
import { createCertificateAuthority, type IssuedCertificate, issueCertificate } from '@switchyard/pki';
import {
  addCertificate,
  addHostname,
  PlatformKey,
  removeCertificate,
  replaceCertificate,
  updateService,
} from '@switchyard/service-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../src/main.ts';
import { send } from './support/client.ts';
import { admin, type Backend, portOf, RouterStack } from './support/router-stack.ts';
import { startWebSocketEcho } from './support/websocket-echo.ts';

const stack = new RouterStack();
let ca: IssuedCertificate;
let router: Router;
let tlsPort: number;
let alpha: Backend;
let alphaId: string;

/** One request over a fresh TLS connection; the raw answer and the socket's TLS facts. */
async function httpsGet(
  port: number,
  host: string,
  options: ConnectionOptions = {},
): Promise<{ head: string; body: string; socket: TLSSocket }> {
  const socket = connect({ port, host: '127.0.0.1', servername: host, ca: ca.certPem, ...options });
  await once(socket, 'secureConnect');
  socket.write(`GET /hello HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  await once(socket, 'end');
  const text = Buffer.concat(chunks).toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  return { head: text.slice(0, split), body: text.slice(split + 4), socket };
}

async function writePem(name: string, pem: string): Promise<string> {
  const dir = await stack.stateDir();
  const path = join(dir, name);
  await writeFile(path, pem);
  return path;
}

beforeAll(async () => {
  await stack.start();
  ca = createCertificateAuthority('router-tls test CA');
  alpha = await stack.startBackend('alpha');
  alphaId = await stack.paidService('alpha', ['alpha.example.com'], [alpha]);
  await stack.startCache();
  const fallback = issueCertificate({ names: ['*.example.com', 'example.com'], issuer: ca });
  router = await stack.startRouter({
    listenTls: '127.0.0.1:0',
    tlsCertFile: await writePem('default.crt', fallback.certPem),
    tlsKeyFile: await writePem('default.key', fallback.keyPem),
  });
  await router.ready;
  tlsPort = portOf(router.tlsAddress as string);
});
afterAll(() => stack.stop());

describe('the TLS listener', () => {
  it('serves HTTPS through the same engine, with X-Forwarded-Proto https', async () => {
    const { head, body, socket } = await httpsGet(tlsPort, 'alpha.example.com');
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    expect(body).toContain('backend=alpha path=/hello');
    expect(socket.authorized).toBe(true);
    expect(socket.alpnProtocol).toBe(false);
    expect(alpha.seen.at(-1)?.['x-forwarded-proto']).toBe('https');
    // The plain listener still says http.
    const plain = await send(portOf(router.address), { headers: { host: 'alpha.example.com' } });
    expect(plain.status).toBe(200);
    expect(alpha.seen.at(-1)?.['x-forwarded-proto']).toBe('http');
  });

  it('negotiates http/1.1 by ALPN, TLS 1.3 and 1.2, and refuses TLS 1.1', async () => {
    const alpn = await httpsGet(tlsPort, 'alpha.example.com', { ALPNProtocols: ['http/1.1'] });
    expect(alpn.socket.alpnProtocol).toBe('http/1.1');
    expect(alpn.socket.getProtocol()).toBe('TLSv1.3');
    const v12 = await httpsGet(tlsPort, 'alpha.example.com', { maxVersion: 'TLSv1.2' });
    expect(v12.socket.getProtocol()).toBe('TLSv1.2');
    expect(v12.socket.getCipher().name).toMatch(/^ECDHE-ECDSA-AES128-GCM-SHA256$/);
    const old = connect({
      port: tlsPort,
      host: '127.0.0.1',
      servername: 'alpha.example.com',
      ca: ca.certPem,
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.1',
    });
    const [error] = (await once(old, 'error')) as [Error];
    expect(error.message).toMatch(/protocol|version|alert/i);
  });

  it('answers names without a certificate, and handshakes without SNI, with the default certificate', async () => {
    await addHostname(stack.pool, alphaId, 'other.example.com');
    const noSni = connect({ port: tlsPort, host: '127.0.0.1', ca: ca.certPem, checkServerIdentity: () => undefined });
    await once(noSni, 'secureConnect');
    expect(noSni.getPeerCertificate().subjectaltname).toBe('DNS:*.example.com, DNS:example.com');
    noSni.destroy();
    const unknown = await httpsGet(tlsPort, 'nothing-here.example.com');
    expect(unknown.head).toMatch(/^HTTP\/1\.1 404 /);
  });

  it('resumes sessions on any serving thread (shared ticket keys)', async () => {
    let session: Buffer | undefined;
    const first = connect({ port: tlsPort, host: '127.0.0.1', servername: 'alpha.example.com', ca: ca.certPem });
    first.on('session', (ticket: Buffer) => {
      session = ticket;
    });
    await once(first, 'secureConnect');
    first.write('GET / HTTP/1.1\r\nHost: alpha.example.com\r\nConnection: close\r\n\r\n');
    first.resume();
    await once(first, 'end');
    expect(session).toBeDefined();
    let reused = 0;
    // 2 serving threads share the port: several connections land on both.
    for (let i = 0; i < 8; i++) {
      const again = connect({
        port: tlsPort,
        host: '127.0.0.1',
        servername: 'alpha.example.com',
        ca: ca.certPem,
        session,
      });
      await once(again, 'secureConnect');
      if (again.isSessionReused()) reused++;
      again.end('GET / HTTP/1.1\r\nHost: alpha.example.com\r\nConnection: close\r\n\r\n');
      again.resume();
      await once(again, 'close');
    }
    expect(reused).toBe(8);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // metrics fold every second
    const metrics = await admin(router, '/metrics');
    expect(metrics.text).toMatch(/switchyard_router_tls_events_total\{event="resumed"\} [1-9]/);
  });

  it('serves HTTP/2 by ALPN, routing each stream by :authority; 421 for a name the certificate does not cover', async () => {
    await addHostname(stack.pool, alphaId, 'alpha.example.net');
    const session = connectH2(`https://127.0.0.1:${tlsPort}`, { servername: 'alpha.example.com', ca: ca.certPem });
    try {
      const get = (authority: string) =>
        new Promise<{ status: number; body: string; proto: string | undefined }>((resolve, reject) => {
          const stream = session.request({ ':path': '/h2', ':authority': authority });
          let body = '';
          let status = 0;
          stream.on('response', (headers) => {
            status = Number(headers[':status']);
          });
          stream.setEncoding('utf8');
          stream.on('data', (chunk: string) => {
            body += chunk;
          });
          stream.on('end', () => resolve({ status, body, proto: alpha.seen.at(-1)?.['x-forwarded-proto'] as string }));
          stream.on('error', reject);
        });
      const answer = await get('alpha.example.com');
      expect(answer).toMatchObject({ status: 200, proto: 'https' });
      expect(answer.body).toContain('backend=alpha path=/h2');
      expect(session.alpnProtocol).toBe('h2');
      // Routed (alpha.example.net is alpha's), but not covered by *.example.com: the client must connect anew.
      expect((await get('alpha.example.net')).status).toBe(421);
    } finally {
      session.close();
    }
  });

  it('tunnels a WebSocket over TLS', async () => {
    const echo = await startWebSocketEcho();
    try {
      const id = await stack.paidService('ws', ['ws.example.com'], [{ port: echo.port } as Backend]);
      expect(id).toBeTruthy();
      await new Promise((resolve) => setTimeout(resolve, 300)); // the new route reaches the router
      const socket = connect({ port: tlsPort, host: '127.0.0.1', servername: 'ws.example.com', ca: ca.certPem });
      await once(socket, 'secureConnect');
      socket.write(
        'GET /chat HTTP/1.1\r\nHost: ws.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
      const [head] = (await once(socket, 'data')) as [Buffer];
      expect(head.toString('latin1')).toMatch(/^HTTP\/1\.1 101 /);
      // A masked text frame "hi"; the echo answers it unmasked.
      const mask = Buffer.from([1, 2, 3, 4]);
      const payload = Buffer.from('hi').map((b, i) => b ^ (mask[i % 4] as number));
      socket.write(Buffer.concat([Buffer.from([0x81, 0x82]), mask, payload]));
      const [frame] = (await once(socket, 'data')) as [Buffer];
      expect(frame.subarray(2).toString()).toBe('hi');
      socket.destroy();
    } finally {
      await echo.close();
    }
  });
});

describe("a service's HTTPS settings", () => {
  it('redirects plain HTTP to HTTPS (301 for GET, 308 otherwise) except ACME challenges, and sends HSTS over HTTPS', async () => {
    const secureBackend = await stack.startBackend('secure');
    const id = await stack.paidService('secure', ['secure.example.com'], [secureBackend]);
    await updateService(stack.pool, id, {
      httpsRedirect: true,
      hsts: { maxAgeSeconds: 31536000, includeSubdomains: true, preload: false },
    });
    const plainPort = portOf(router.address);
    let redirect = await send(plainPort, { path: '/a?b=1', headers: { host: 'secure.example.com:8080' } });
    const deadline = Date.now() + 5_000;
    while (redirect.status !== 301 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      redirect = await send(plainPort, { path: '/a?b=1', headers: { host: 'secure.example.com:8080' } });
    }
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe(`https://secure.example.com:${tlsPort}/a?b=1`);
    const post = await send(plainPort, {
      method: 'POST',
      path: '/form',
      headers: { host: 'secure.example.com', 'content-length': '2' },
      body: Buffer.from('{}'),
    });
    expect(post.status).toBe(308);
    expect(post.headers['strict-transport-security']).toBeUndefined();
    const acme = await send(plainPort, {
      path: '/.well-known/acme-challenge/token',
      headers: { host: 'secure.example.com' },
    });
    expect(acme.status).toBe(200);
    expect(acme.body.toString()).toBe('backend=secure path=/.well-known/acme-challenge/token');

    const { head, body } = await httpsGet(tlsPort, 'secure.example.com');
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    expect(head).toMatch(/\r\nstrict-transport-security: max-age=31536000; includeSubDomains\r\n/i);
    expect(body).toContain('backend=secure path=/hello');
    // A service without the settings: no redirect, no HSTS.
    const other = await httpsGet(tlsPort, 'alpha.example.com');
    expect(other.head).not.toMatch(/strict-transport-security/i);
  });
});

describe('a TLS listener without a default certificate', () => {
  it('refuses handshakes for names it has no certificate for', async () => {
    const bare = await stack.startRouter({ listenTls: '127.0.0.1:0' });
    await bare.ready;
    const socket = connect({
      port: portOf(bare.tlsAddress as string),
      host: '127.0.0.1',
      servername: 'alpha.example.com',
      ca: ca.certPem,
    });
    const [error] = (await once(socket, 'error')) as [Error];
    // The handshake is cut (no certificate to present): the client sees it end before it completed.
    expect(error.message).toMatch(/disconnected before secure TLS connection|alert|handshake/i);
    // Plain HTTP on the same router is unaffected.
    const plain = await send(portOf(bare.address), { headers: { host: 'alpha.example.com' } });
    expect(plain.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // metrics fold every second
    expect((await admin(bare, '/metrics')).text).toMatch(
      /switchyard_router_tls_events_total\{event="no_certificate"\} 1/,
    );
  });
});

describe('certificates from the service database', () => {
  const certs = new RouterStack();
  const TOKEN = 'router-tls-token';
  const rawKey = randomBytes(32).toString('base64');
  let secured: Router;
  let securedPort: number;
  let shopId: string;

  beforeAll(async () => {
    await certs.start();
    const shop = await certs.startBackend('shop');
    shopId = await certs.paidService('shop', ['shop.example.org', 'www.shop.example.org'], [shop]);
    const dir = await certs.stateDir();
    const tokenFile = join(dir, 'token');
    await writeFile(tokenFile, TOKEN);
    await certs.startCache('127.0.0.1:0', { tokenFile, certKey: rawKey });
    secured = await certs.startRouter({ listenTls: '127.0.0.1:0', cacheTokenFile: tokenFile });
    await secured.ready;
    securedPort = portOf(secured.tlsAddress as string);
  });
  afterAll(() => certs.stop());

  /** The certificate a handshake for `name` is answered with (its serial), or the handshake's error. */
  async function served(name: string): Promise<string> {
    const socket = connect({ port: securedPort, host: '127.0.0.1', servername: name, ca: ca.certPem });
    return new Promise<string>((resolve) => {
      socket.once('secureConnect', () => resolve(socket.getPeerCertificate().serialNumber));
      socket.once('error', (error) => resolve(`error: ${error.message}`));
    }).finally(() => socket.destroy());
  }

  async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('serves a certificate added in the database, a replacement within a second, and none once removed', async () => {
    const key = PlatformKey.parse(rawKey, 'test');
    const first = issueCertificate({ names: ['shop.example.org', '*.shop.example.org'], issuer: ca });
    const added = await addCertificate(certs.pool, key, {
      serviceId: shopId,
      certPem: first.certPem,
      keyPem: first.keyPem,
    });
    const serialOf = (pem: string) => new X509Certificate(pem).serialNumber;
    await eventually(
      'the added certificate',
      async () => (await served('shop.example.org')) === serialOf(first.certPem),
    );
    // The wildcard one level up; the whole exchange over it.
    expect(await served('www.shop.example.org')).toBe(serialOf(first.certPem));
    const { head } = await httpsGet(securedPort, 'www.shop.example.org');
    expect(head).toMatch(/^HTTP\/1\.1 200 /);

    const second = issueCertificate({ names: ['shop.example.org', '*.shop.example.org'], issuer: ca });
    await replaceCertificate(certs.pool, key, added.id, { certPem: second.certPem, keyPem: second.keyPem });
    const replacedAt = Date.now();
    await eventually('the replacement', async () => (await served('shop.example.org')) === serialOf(second.certPem));
    expect(Date.now() - replacedAt).toBeLessThan(1_000);

    await removeCertificate(certs.pool, added.id);
    await eventually('the removal', async () => (await served('shop.example.org')).startsWith('error:'));
  });

  it('/debug/memory shows the RSS, the heap of the main thread and of each serving thread, and the certificates held', async () => {
    const body = JSON.parse((await admin(secured, '/debug/memory')).text);
    expect(body.rssBytes).toBeGreaterThan(0);
    expect(body.main.heapUsedBytes).toBeGreaterThan(0);
    expect(body.threads).toHaveLength(2);
    for (const thread of body.threads) expect(thread.heapUsedBytes).toBeGreaterThan(0);
    expect(body.certificates).toMatchObject({ count: 0 });
  });
});
