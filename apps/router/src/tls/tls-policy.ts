import type { SecureContextOptions, TlsOptions } from 'node:tls';

/**
 * What every secure context of the router shares: TLS 1.2 and 1.3 only, forward-secret AEAD
 * suites only (Mozilla's "intermediate" profile), for ECDSA and RSA certificates alike.
 */
export const TLS_POLICY: SecureContextOptions = {
  minVersion: 'TLSv1.2',
  maxVersion: 'TLSv1.3',
  ciphers: [
    'TLS_AES_128_GCM_SHA256',
    'TLS_AES_256_GCM_SHA384',
    'TLS_CHACHA20_POLY1305_SHA256',
    'ECDHE-ECDSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'ECDHE-ECDSA-AES256-GCM-SHA384',
    'ECDHE-RSA-AES256-GCM-SHA384',
    'ECDHE-ECDSA-CHACHA20-POLY1305',
    'ECDHE-RSA-CHACHA20-POLY1305',
  ].join(':'),
  ecdhCurve: 'X25519:P-256:P-384',
  honorCipherOrder: true,
};

/** The listener's own settings on top of the policy: no client certificates, a bounded handshake. */
export function listenerOptions(handshakeTimeoutMs: number): TlsOptions {
  return { ...TLS_POLICY, requestCert: false, rejectUnauthorized: false, handshakeTimeout: handshakeTimeoutMs };
}
