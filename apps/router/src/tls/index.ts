// TLS material on the router: the main thread's store, its serving-thread client, and the sync that fills it.
export { CertificateClient, CertificateStoreClosedError } from './certificate-client.ts';
export {
  type CertificateInvalidation,
  type CertificateMatch,
  invalidates,
  normalizeServerName,
  type TicketKeySet,
} from './certificate-messages.ts';
export { CertificateStore, type CertificateStoreOptions } from './certificate-store.ts';
export { CERTIFICATES, createCertificateSync } from './certificate-sync.ts';
