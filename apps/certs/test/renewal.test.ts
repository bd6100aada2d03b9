import { once } from 'node:events';
import { connect } from 'node:tls';
import { getAcmeStatus } from '@switchyard/service-db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Pebble } from './support/pebble.ts';
import { CertsStack, until } from './support/stack.ts';

// Certificates of 24 s: renewal is due at a third of the lifetime left (about 16 s after issuance).
const stack = new CertsStack();
let pebble: Pebble;
let root: string;

beforeAll(async () => {
  await stack.start();
  await stack.writePlatformKey();
  pebble = await Pebble.start({ httpPort: stack.httpPort(0), validitySeconds: 24 });
  root = await pebble.root();
});
afterAll(async () => {
  await stack.stop();
  await pebble?.stop();
});

/** One handshake for `name`, verified against Pebble's root: the leaf's serial, or the error. */
async function handshake(name: string): Promise<string> {
  const socket = connect({ port: stack.tlsPort(1), host: '127.0.0.1', servername: name, ca: root });
  try {
    await once(socket, 'secureConnect');
    return socket.getPeerCertificate().serialNumber;
  } finally {
    socket.destroy();
  }
}

it('replaces a certificate near expiry without a failed handshake in between', async () => {
  await stack.startManager(pebble);
  await stack.addHostname('renew.example.org');
  const first = await until(async () => {
    const s = await getAcmeStatus(stack.pool, 'renew.example.org');
    return s.state === 'valid' && s;
  }, 'the first certificate');
  const lifetime = Date.parse(first.notAfter as string) - Date.parse(first.updatedAt);
  expect(lifetime).toBeLessThan(30_000);
  const firstSerial = await until(() => handshake('renew.example.org').catch(() => undefined), 'served');
  // Handshake continuously until the renewed certificate is served: every one must succeed.
  let handshakes = 0;
  let serial = firstSerial;
  const deadline = Date.parse(first.notAfter as string) + 5_000;
  while (serial === firstSerial && Date.now() < deadline) {
    serial = await handshake('renew.example.org');
    handshakes++;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(serial).not.toBe(firstSerial);
  expect(handshakes).toBeGreaterThan(10);
  const renewed = await getAcmeStatus(stack.pool, 'renew.example.org');
  // Renewed in place: the same certificate row, a later expiry, one more order.
  expect(renewed.certificateId).toBe(first.certificateId);
  expect(Date.parse(renewed.notAfter as string)).toBeGreaterThan(Date.parse(first.notAfter as string));
  expect(renewed.orders).toBe(first.orders + 1);
}, 90_000);
