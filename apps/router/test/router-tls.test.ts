import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ConnectionOptions, connect, type TLSSocket } from 'node:tls';
import { type CertificateAndKey, createCertificateAuthority, issueCertificate } from '@switchyard/pki';
import { addHostname } from '@switchyard/service-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../src/main.ts';
import { send } from './support/client.ts';
import { admin, type Backend, portOf, RouterStack } from './support/router-stack.ts';
import { startWebSocketEcho } from './support/websocket-echo.ts';

const stack = new RouterStack();
let ca: CertificateAndKey;
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
  ca = await createCertificateAuthority('router-tls test CA');
  alpha = await stack.startBackend('alpha');
  alphaId = await stack.paidService('alpha', ['alpha.example.com'], [alpha]);
  await stack.startCache();
  const fallback = await issueCertificate({ names: ['*.example.com', 'example.com'], issuer: ca });
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
