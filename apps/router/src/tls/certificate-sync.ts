import type { Certificate, CertificateDelta } from '@switchyard/proto';
import { SyncClient, type SyncClientConfig, type WatchKind } from '../sync-client.ts';
import type { CertificateStore } from './certificate-store.ts';

/** Certificates and ticket keys on WatchCertificates. */
export const CERTIFICATES: WatchKind<Certificate> = {
  method: 'watchCertificates',
  batchOf: (event) =>
    'certificateBatch' in event && event.certificateBatch ? (event.certificateBatch.certificates ?? []) : undefined,
};

/**
 * Follows WatchCertificates into `store` with the routing sync client's machinery: one cache at a
 * time, backoff with jitter, failover to another cache resuming from the version applied (caches share
 * one version space), stall detection. Needs the caches' bearer token: caches serve key material only
 * to authenticated clients (and only over TLS when `tlsCa` is given). Starts at version 0 unless told
 * otherwise (certificates are not persisted in the state dir: private keys stay off disk).
 */
export function createCertificateSync(
  config: Omit<SyncClientConfig, 'fromVersion'> & { token: string; fromVersion?: number },
  store: CertificateStore,
): SyncClient<Certificate, CertificateDelta> {
  return new SyncClient<Certificate, CertificateDelta>({ fromVersion: 0, ...config }, store, CERTIFICATES);
}
