import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect, createSecureContext, createServer } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { createCertificateAuthority, issueCertificate } from './certificates.ts';

describe('certificates', () => {
  it('issues ECDSA and RSA certificates a TLS client verifies against the CA', async () => {
    const ca = await createCertificateAuthority('Switchyard test CA');
    for (const keyType of ['ec', 'rsa'] as const) {
      const leaf = await issueCertificate({ names: ['a.test', '*.b.test'], issuer: ca, keyType });
      const parsed = new X509Certificate(leaf.certPem);
      expect(parsed.subjectAltName).toBe('DNS:a.test, DNS:*.b.test');
      expect(parsed.checkIssued(new X509Certificate(ca.certPem))).toBe(true);
      expect(parsed.publicKey.asymmetricKeyType).toBe(keyType);
      const server = createServer({ cert: leaf.certPem, key: leaf.keyPem }, (socket) => socket.end('ok'));
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const { port } = server.address() as AddressInfo;
      const client = connect({ port, host: '127.0.0.1', servername: 'x.b.test', ca: ca.certPem });
      const [data] = await once(client, 'data');
      expect(String(data)).toBe('ok');
      expect(client.authorized).toBe(true);
      client.destroy();
      server.close();
    }
  });

  it('makes self-signed and expired certificates when asked (for refusal tests)', async () => {
    const past = new Date('2020-01-01T00:00:00Z');
    const expired = await issueCertificate({
      names: ['old.test'],
      notBefore: past,
      notAfter: new Date('2020-02-01T00:00:00Z'),
    });
    const parsed = new X509Certificate(expired.certPem);
    expect(parsed.validTo).toContain('2020');
    expect(parsed.verify(parsed.publicKey)).toBe(true);
    expect(() => createSecureContext({ cert: expired.certPem, key: expired.keyPem })).not.toThrow();
  });
});
