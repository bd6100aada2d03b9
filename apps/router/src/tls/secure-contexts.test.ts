import { type CertificateAndKey, createCertificateAuthority, issueCertificate } from '@switchyard/pki';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CertificateMaterial, type CertificateSource, coveredBy, SecureContexts } from './secure-contexts.ts';
import { TLS_EVENT_NAMES, type TlsEventCode } from './tls-events.ts';

/** A source over a fixed map (exact names only), counting the questions it gets. */
class MapSource implements CertificateSource {
  readonly asked: string[] = [];
  readonly byName: Map<string, CertificateMaterial>;
  constructor(byName: Map<string, CertificateMaterial>) {
    this.byName = byName;
  }
  async find(name: string): Promise<CertificateMaterial | undefined> {
    this.asked.push(name);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return this.byName.get(name);
  }
}

class Counts {
  readonly counts = new Map<string, number>();
  tls(event: TlsEventCode): void {
    const name = TLS_EVENT_NAMES[event] as string;
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }
}

function sni(contexts: SecureContexts, name: string): Promise<unknown> {
  return new Promise((resolve, reject) =>
    contexts.sniCallback(name, (error, context) => (error ? reject(error) : resolve(context))),
  );
}

let leaves: CertificateAndKey[];
const material = (i: number, name: string): CertificateMaterial => ({
  key: `cert-${i}@1`,
  certPem: (leaves[i] as CertificateAndKey).certPem,
  keyPem: (leaves[i] as CertificateAndKey).keyPem,
  names: [name],
});

beforeAll(async () => {
  const ca = await createCertificateAuthority('unit CA');
  leaves = await Promise.all([0, 1, 2].map((i) => issueCertificate({ names: [`n${i}.test`], issuer: ca })));
});

describe('SecureContexts', () => {
  it('builds a name’s context once for concurrent handshakes and keeps it', async () => {
    const source = new MapSource(new Map([['n0.test', material(0, 'n0.test')]]));
    const metrics = new Counts();
    const contexts = new SecureContexts({ source, metrics });
    const [a, b] = await Promise.all([sni(contexts, 'n0.test'), sni(contexts, 'N0.TEST.')]);
    expect(a).toBe(b);
    expect(await sni(contexts, 'n0.test')).toBe(a);
    expect(source.asked).toEqual(['n0.test']);
    expect(metrics.counts.get('contextBuilt')).toBe(1);
  });

  it('remembers unknown names briefly, and fails them without a default', async () => {
    const source = new MapSource(new Map());
    const metrics = new Counts();
    const contexts = new SecureContexts({ source, metrics, negativeTtlMs: 50 });
    await expect(sni(contexts, 'nope.test')).rejects.toThrow('no certificate for nope.test');
    await expect(sni(contexts, 'nope.test')).rejects.toThrow();
    expect(source.asked).toEqual(['nope.test']);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await expect(sni(contexts, 'nope.test')).rejects.toThrow();
    expect(source.asked).toEqual(['nope.test', 'nope.test']);
    expect(metrics.counts.get('noCertificate')).toBe(3);
  });

  it('keeps at most maxContexts contexts, building an evicted one again on demand', async () => {
    const byName = new Map([0, 1, 2].map((i) => [`n${i}.test`, material(i, `n${i}.test`)] as const));
    const source = new MapSource(byName);
    const contexts = new SecureContexts({ source, maxContexts: 2 });
    const first = await sni(contexts, 'n0.test');
    await sni(contexts, 'n1.test');
    await sni(contexts, 'n2.test');
    expect(contexts.contextCount).toBe(2);
    const again = await sni(contexts, 'n0.test');
    expect(again).not.toBe(first);
    expect(source.asked).toEqual(['n0.test', 'n1.test', 'n2.test', 'n0.test']);
  });

  it('asks again after invalidate(): a replaced certificate is used by the next handshake', async () => {
    const byName = new Map([['n0.test', material(0, 'n0.test')]]);
    const source = new MapSource(byName);
    const contexts = new SecureContexts({ source });
    const before = await sni(contexts, 'n0.test');
    byName.set('n0.test', { ...material(1, 'n0.test'), key: 'cert-0@2' });
    expect(await sni(contexts, 'n0.test')).toBe(before);
    contexts.invalidate();
    expect(await sni(contexts, 'n0.test')).not.toBe(before);
  });

  it('treats a certificate that does not make a context as absent', async () => {
    const broken = { ...material(0, 'n0.test'), keyPem: (leaves[1] as CertificateAndKey).keyPem };
    const metrics = new Counts();
    const contexts = new SecureContexts({ source: new MapSource(new Map([['n0.test', broken]])), metrics });
    await expect(sni(contexts, 'n0.test')).rejects.toThrow();
    expect(metrics.counts.get('contextFailed')).toBe(1);
  });
});

describe('coveredBy', () => {
  it('matches exact names and one-label wildcards only', () => {
    const names = ['example.com', '*.apps.example.com'];
    expect(coveredBy(names, 'example.com')).toBe(true);
    expect(coveredBy(names, 'a.apps.example.com')).toBe(true);
    expect(coveredBy(names, 'a.b.apps.example.com')).toBe(false);
    expect(coveredBy(names, 'apps.example.com')).toBe(false);
    expect(coveredBy(names, 'other.com')).toBe(false);
  });
});
