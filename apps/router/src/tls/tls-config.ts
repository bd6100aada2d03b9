import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseAddress } from '@switchyard/config';
import { RouterConfigError } from '../errors.ts';
import type { TlsServingConfig } from '../messages.ts';
import { buildSecureContext } from './secure-contexts.ts';

/**
 * The serving threads' TLS settings from the router's config, or undefined without `--listen-tls`.
 * The default certificate is read and checked here (parses, key matches) so that a bad file is a
 * start-up error naming the flag, not a failed handshake later.
 */
export async function loadTlsServing(config: {
  listenTls?: string;
  tlsCertFile?: string;
  tlsKeyFile?: string;
  tlsHandshakeTimeoutMs: number;
  maxConnections: number;
}): Promise<TlsServingConfig | undefined> {
  if (config.listenTls === undefined) return undefined;
  const { host, port } = parseAddress(config.listenTls, '--listen-tls');
  let defaultCertificate: TlsServingConfig['defaultCertificate'];
  if (config.tlsCertFile !== undefined && config.tlsKeyFile !== undefined) {
    const certPem = await readPem(config.tlsCertFile, '--tls-cert');
    const keyPem = await readPem(config.tlsKeyFile, '--tls-key');
    try {
      buildSecureContext(certPem, keyPem);
    } catch (error) {
      throw new RouterConfigError(
        `--tls-cert/--tls-key: not a usable certificate and key: ${(error as Error).message}`,
      );
    }
    defaultCertificate = { certPem, keyPem };
  }
  return {
    host,
    port,
    defaultCertificate,
    // One process's threads share these; the region-wide keys come from the control plane when it sends them.
    ticketKeys: randomBytes(48),
    handshakeTimeoutMs: config.tlsHandshakeTimeoutMs,
    maxConnections: config.maxConnections,
  };
}

async function readPem(path: string, flag: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new RouterConfigError(`${flag}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}
