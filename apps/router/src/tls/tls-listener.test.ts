import { once } from 'node:events';
import { type AddressInfo, type Socket, connect as tcpConnect } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import { issueCertificate } from '@switchyard/pki';
import { afterEach, describe, expect, it } from 'vitest';
import { SecureContexts } from './secure-contexts.ts';
import { TLS_EVENT_NAMES, type TlsEventCode } from './tls-events.ts';
import { TlsListener } from './tls-listener.ts';

class Counts {
  readonly counts = new Map<string, number>();
  tls(event: TlsEventCode): void {
    const name = TLS_EVENT_NAMES[event] as string;
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }
}

const certificate = issueCertificate({ names: ['limit.test'] });
const open: (Socket | TLSSocket)[] = [];
const served: TLSSocket[] = [];
let listener: TlsListener | undefined;

afterEach(async () => {
  for (const socket of open.splice(0)) socket.destroy();
  for (const socket of served.splice(0)) socket.destroy();
  await listener?.close();
  listener = undefined;
});

function start(maxConnections: number, metrics: Counts): TlsListener {
  const contexts = new SecureContexts({ defaultCertificate: certificate, metrics });
  return new TlsListener({
    contexts,
    defaultCertificate: certificate,
    ticketKeys: Buffer.alloc(48, 7),
    handshakeTimeoutMs: 300,
    maxConnections,
    protocols: { http1: (socket) => served.push(socket) },
    metrics,
  });
}

function handshake(port: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, servername: 'limit.test', rejectUnauthorized: false });
    open.push(socket);
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', reject);
  });
}

function connections(l: TlsListener): Promise<number> {
  return new Promise((resolve, reject) => l.server.getConnections((error, n) => (error ? reject(error) : resolve(n))));
}

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('TlsListener connection limit', () => {
  it('closes a connection past maxConnections before its handshake, counts it, and admits again once one closes', async () => {
    const metrics = new Counts();
    listener = start(2, metrics);
    const { port } = (await listener.listen(0, '127.0.0.1')) as AddressInfo;

    // One served connection and one still handshaking (a bare TCP connection) fill the limit.
    await handshake(port);
    await until(async () => served.length === 1);
    const silent = tcpConnect({ host: '127.0.0.1', port });
    open.push(silent);
    await once(silent, 'connect');
    await until(async () => (await connections(listener as TlsListener)) === 2);

    const refused = tlsConnect({ host: '127.0.0.1', port, servername: 'limit.test', rejectUnauthorized: false });
    open.push(refused);
    const outcome = await new Promise<string>((resolve) => {
      refused.once('secureConnect', () => resolve('handshake'));
      refused.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      refused.once('close', () => resolve('closed'));
    });
    expect(outcome).not.toBe('handshake');
    expect(metrics.counts.get('overLimit')).toBe(1);
    expect(served).toHaveLength(1);

    // A connection that never finishes its handshake holds its slot until the handshake timeout.
    silent.destroy();
    await until(async () => (await connections(listener as TlsListener)) < 2);
    await handshake(port);
    await until(async () => served.length === 2);
  });
});
