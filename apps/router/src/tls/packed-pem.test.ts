import { createCertificateAuthority, issueCertificate } from '@switchyard/pki';
import { describe, expect, it } from 'vitest';
import { packPem, splitChain, unpackPem } from './packed-pem.ts';

const ca = createCertificateAuthority('packed-pem test CA');
const leaf = issueCertificate({ names: ['shop.example.com'], issuer: ca });

describe('packPem', () => {
  it('holds a certificate and a key as DER, and gives back the same text', () => {
    for (const pem of [leaf.certPem, leaf.keyPem, ca.certPem]) {
      const packed = packPem(pem);
      expect(packed.length).toBeLessThan(pem.length * 0.8);
      expect(unpackPem(packed)).toBe(pem);
    }
  });

  it('keeps anything it could not give back byte for byte as it is', () => {
    const unusual = [
      '',
      'key of one',
      leaf.certPem.trimEnd(), // no newline at the end
      leaf.certPem.replaceAll('\n', '\r\n'),
      leaf.certPem + ca.certPem, // two blocks
      leaf.certPem.replace(/\n(?=[^-])/g, ''), // one long line
      `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n-----END RSA PRIVATE KEY-----\n`,
    ];
    for (const text of unusual) {
      const packed = packPem(text);
      expect(unpackPem(packed)).toBe(text);
    }
  });
});

describe('splitChain', () => {
  it('cuts after the first certificate and its newline', () => {
    expect(splitChain(leaf.certPem + ca.certPem)).toEqual({ leaf: leaf.certPem, issuers: ca.certPem });
    expect(splitChain(leaf.certPem)).toEqual({ leaf: leaf.certPem, issuers: '' });
    expect(splitChain('chain of one')).toEqual({ leaf: 'chain of one', issuers: '' });
  });
});
