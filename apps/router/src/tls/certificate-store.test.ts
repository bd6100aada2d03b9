import { createCertificateAuthority, issueCertificate } from '@switchyard/pki';
import type { Certificate } from '@switchyard/proto';
import { afterEach, describe, expect, it } from 'vitest';
import { CertificateThread } from '../../test/support/certificate-thread.ts';
import { CertificateStore } from './certificate-store.ts';

const DAY = 86_400_000;
let version = 10;

function cert(id: string, names: string[], opts: { notAfterMs?: number; notBeforeMs?: number } = {}): Certificate {
  return {
    id,
    serviceId: 's',
    names,
    chainPem: `chain of ${id}`,
    privateKeyPem: `key of ${id}`,
    notBeforeMs: opts.notBeforeMs ?? Date.now() - DAY,
    notAfterMs: opts.notAfterMs ?? Date.now() + 30 * DAY,
    version: ++version,
  };
}

function snapshot(store: CertificateStore, certificates: Certificate[], keys: Uint8Array[] = []): void {
  store.beginSnapshot();
  store.addBatch(certificates);
  store.endSnapshot(++version, { version, ticketKeys: { keys, version } });
}

const threads: CertificateThread[] = [];
afterEach(async () => {
  for (const thread of threads.splice(0)) await thread.terminate();
});

function thread(store: CertificateStore): CertificateThread {
  const t = new CertificateThread(store);
  threads.push(t);
  return t;
}

describe('CertificateStore', () => {
  it('resolves exact names, then the wildcard one level up, then the default certificate', () => {
    const store = new CertificateStore({ defaultServerName: 'default.platform.test' });
    snapshot(store, [
      cert('exact', ['shop.example.com']),
      cert('wild', ['*.example.com']),
      cert('platform', ['*.platform.test']),
    ]);
    expect(store.lookup('SHOP.example.com.')).toMatchObject({ id: 'exact', matchedBy: 'exact' });
    expect(store.lookup('api.example.com')).toMatchObject({ id: 'wild', matchedBy: 'wildcard' });
    // A wildcard covers one level only.
    expect(store.lookup('a.b.example.com')).toMatchObject({ id: 'platform', matchedBy: 'default' });
    expect(store.lookup('example.com')).toMatchObject({ id: 'platform', matchedBy: 'default' });
    expect(new CertificateStore().lookup('nothing.test')).toBeUndefined();
  });

  it('prefers the valid certificate with the latest expiry, and skips expired ones', () => {
    const store = new CertificateStore();
    snapshot(store, [
      cert('old', ['a.test'], { notAfterMs: Date.now() + DAY }),
      cert('new', ['a.test'], { notAfterMs: Date.now() + 60 * DAY }),
      cert('future', ['a.test'], { notBeforeMs: Date.now() + DAY, notAfterMs: Date.now() + 90 * DAY }),
      cert('expired', ['b.test'], { notAfterMs: Date.now() - 1 }),
    ]);
    expect(store.lookup('a.test')?.id).toBe('new');
    expect(store.lookup('b.test')).toBeUndefined();
  });

  it('gives back the exact chain and key it was given, holding them packed', () => {
    const store = new CertificateStore();
    const ca = createCertificateAuthority('store test CA');
    const issued = ['a.test', 'b.test'].map((name) => issueCertificate({ names: [name], issuer: ca }));
    snapshot(
      store,
      issued.map((leaf, i) => ({
        ...cert(`real-${i}`, leaf.names as string[]),
        chainPem: leaf.certPem + ca.certPem,
        privateKeyPem: leaf.keyPem,
      })),
    );
    for (const [i, leaf] of issued.entries()) {
      expect(store.lookup(leaf.names[0] as string)).toMatchObject({
        id: `real-${i}`,
        certPem: leaf.certPem + ca.certPem,
        keyPem: leaf.keyPem,
      });
    }
    // A replacement with another chain, then a removal: the others keep theirs.
    const renewed = issueCertificate({ names: ['a.test'], issuer: ca });
    store.applyDelta({
      version: ++version,
      upserts: [{ ...cert('real-0', ['a.test']), chainPem: renewed.certPem, privateKeyPem: renewed.keyPem }],
      removedIds: ['real-1'],
    });
    expect(store.lookup('a.test')).toMatchObject({ certPem: renewed.certPem, keyPem: renewed.keyPem });
    expect(store.lookup('b.test')).toBeUndefined();
  });

  it('answers real worker threads over their ports, without giving them every certificate', async () => {
    const store = new CertificateStore();
    const key = new Uint8Array(48).fill(7);
    snapshot(store, [cert('one', ['one.test']), cert('two', ['*.two.test'])], [key]);
    const [a, b] = [thread(store), thread(store)];
    expect(await a.ready).toMatchObject({ version: store.version, hasTicketKeys: true });
    await b.ready;
    expect(await a.lookup('one.test')).toMatchObject({ id: 'one', keyPem: 'key of one', names: ['one.test'] });
    expect(await b.lookup('x.two.test')).toMatchObject({ id: 'two', matchedBy: 'wildcard' });
    expect(await b.lookup('unknown.test')).toBeUndefined();
  });

  it('broadcasts the names a delta touches, so a replaced certificate is used at the next lookup', async () => {
    const store = new CertificateStore();
    snapshot(store, [cert('one', ['one.test', 'www.one.test'])]);
    const t = thread(store);
    await t.ready;
    const before = await t.lookup('one.test');

    const replaced = cert('one', ['one.test']);
    store.applyDelta({ version: ++version, upserts: [replaced] });
    await t.until(() => t.invalidations.length === 1, 'the invalidation');
    expect(t.invalidations[0]?.names?.slice().sort()).toEqual(['one.test', 'www.one.test']);
    const after = await t.lookup('one.test');
    expect(after?.version).toBeGreaterThan(before?.version ?? 0);
    expect(await t.lookup('www.one.test')).toBeUndefined();

    store.applyDelta({ version: ++version, upserts: [cert('w', ['*.sub.test'])] });
    await t.until(() => t.invalidations.length === 2, 'the second invalidation');
    expect(await t.invalidates(t.invalidations[1]?.names as string[], 'a.sub.test')).toBe(true);
    expect(await t.invalidates(t.invalidations[1]?.names as string[], 'a.b.sub.test')).toBe(false);

    store.applyDelta({ version: ++version, removedIds: ['one'] });
    await t.until(() => t.invalidations.length === 3, 'the removal');
    expect(await t.lookup('one.test')).toBeUndefined();
  });

  it('invalidates everything when the default certificate changes, and sends new ticket keys to every thread', async () => {
    const store = new CertificateStore({ defaultServerName: 'default.platform.test' });
    snapshot(store, [cert('platform', ['*.platform.test'])]);
    const t = thread(store);
    await t.ready;
    store.applyDelta({ version: ++version, upserts: [cert('platform', ['*.platform.test'])] });
    await t.until(() => t.invalidations.length === 1, 'the invalidation');
    expect(t.invalidations[0]?.names).toBeNull();

    store.applyDelta({
      version: ++version,
      ticketKeys: { keys: [new Uint8Array(48).fill(2), new Uint8Array(48).fill(1)], version },
    });
    await t.until(() => t.ticketKeys.length === 1, 'the ticket keys');
    expect(t.ticketKeys[0]).toBe('02'.repeat(48));
    expect(store.ticketKeys?.previous).toHaveLength(1);
  });
});
