import type { TlsServingConfig } from '../messages.ts';
import type { CertificateClient } from './certificate-client.ts';
import type { CertificateMatch } from './certificate-messages.ts';
import { type CertificateMaterial, SecureContexts } from './secure-contexts.ts';
import type { TlsMetrics } from './tls-events.ts';
import { TlsListener, type TlsProtocols } from './tls-listener.ts';

/**
 * A serving thread's TLS: the listener, its SNI contexts, and (with the thread's client of the main
 * thread's certificate store) certificates by name, invalidations and the region's ticket keys from it.
 */
export function startServingTls(
  config: TlsServingConfig,
  client: CertificateClient | undefined,
  protocols: TlsProtocols,
  metrics: TlsMetrics,
): { listener: TlsListener; close(): Promise<void> } {
  const contexts = new SecureContexts({
    defaultCertificate: config.defaultCertificate,
    metrics,
    ...(client === undefined
      ? {}
      : { source: { find: (name: string) => client.lookup(name).then((match) => match && materialOf(match)) } }),
  });
  const listener = new TlsListener({
    contexts,
    defaultCertificate: config.defaultCertificate,
    ticketKeys: Buffer.from(config.ticketKeys),
    handshakeTimeoutMs: config.handshakeTimeoutMs,
    maxConnections: config.maxConnections,
    protocols,
    metrics,
  });
  if (client !== undefined) {
    // Answers are only remembered until the store says a name changed: then every name asks again.
    client.onInvalidate(() => contexts.invalidate());
    const useKeys = (keys: { current: Buffer } | undefined): void => {
      if (keys !== undefined) listener.setTicketKeys(keys.current);
    };
    useKeys(client.ticketKeys);
    client.onTicketKeys(useKeys);
  }
  return {
    listener,
    async close() {
      await listener.close();
    },
  };
}

function materialOf(match: CertificateMatch): CertificateMaterial {
  return { key: `${match.id}@${match.version}`, certPem: match.certPem, keyPem: match.keyPem, names: match.names };
}
