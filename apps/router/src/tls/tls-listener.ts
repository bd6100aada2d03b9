import type { AddressInfo, Socket } from 'node:net';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { listenShared } from '@switchyard/http1';
import type { SecureContexts } from './secure-contexts.ts';
import { TlsEvent, type TlsMetrics } from './tls-events.ts';
import { listenerOptions } from './tls-policy.ts';

/** Where a secure connection goes once its handshake is done, by the protocol ALPN chose. */
export interface TlsProtocols {
  /** HTTP/1.1 (ALPN `http/1.1`, or no ALPN): the engine's `HttpServer.accept`. */
  http1(socket: TLSSocket): void;
  /** HTTP/2 (ALPN `h2`); without it only `http/1.1` is offered. */
  h2?(socket: TLSSocket, covers: (host: string) => boolean): void;
}

export interface TlsListenerOptions {
  contexts: SecureContexts;
  /** Default certificate for handshakes without SNI (PEM); none: they fail. */
  defaultCertificate?: { readonly certPem: string; readonly keyPem: string };
  /** 48 bytes, shared by every serving thread and router of the region, so any of them resumes a session. */
  ticketKeys: Buffer;
  /** A handshake not done by then is cut. Default 10 s. */
  handshakeTimeoutMs?: number;
  /**
   * Open TLS connections (handshaking, HTTP/1.1 and HTTP/2) past which a new one is closed before
   * its handshake, so that descriptors and TLS state stay bounded. Default 10,000.
   */
  maxConnections?: number;
  protocols: TlsProtocols;
  metrics: TlsMetrics;
}

/**
 * A serving thread's TLS listener (reusePort, beside the plain one): TLS 1.2/1.3 with the
 * certificate SNI names (secure-contexts.ts), session tickets, ALPN `h2`/`http/1.1`. A secure
 * socket then goes through the same HTTP/1.1 engine as a plain one, or to the HTTP/2 front.
 */
export class TlsListener {
  readonly server: Server;
  readonly #contexts: SecureContexts;

  constructor(options: TlsListenerOptions) {
    const { contexts, protocols, metrics } = options;
    this.#contexts = contexts;
    const fallback = options.defaultCertificate;
    this.server = createServer(
      {
        ...listenerOptions(options.handshakeTimeoutMs ?? 10_000),
        ...(fallback === undefined ? {} : { cert: fallback.certPem, key: fallback.keyPem }),
        SNICallback: contexts.sniCallback,
        ALPNProtocols: protocols.h2 === undefined ? ['http/1.1'] : ['h2', 'http/1.1'],
        ticketKeys: options.ticketKeys,
        allowHalfOpen: true,
        noDelay: true,
      },
      (socket: TLSSocket) => {
        metrics.tls(socket.isSessionReused() ? TlsEvent.resumed : TlsEvent.handshake);
        if (socket.alpnProtocol === 'h2' && protocols.h2 !== undefined) {
          const serverName = typeof socket.servername === 'string' ? socket.servername : undefined;
          protocols.h2(socket, (host) => this.#contexts.covers(serverName, host));
        } else {
          protocols.http1(socket);
        }
      },
    );
    // Node closes a connection accepted past this at once (a handshake cannot be put on hold
    // unread the way the plain listener's wait list holds a connection).
    this.server.maxConnections = options.maxConnections ?? 10_000;
    this.server.on('drop', () => metrics.tls(TlsEvent.overLimit));
    this.server.on('tlsClientError', (_error: Error, socket: Socket) => {
      metrics.tls(TlsEvent.handshakeFailed);
      socket.destroy();
    });
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return listenShared(this.server, port, host);
  }

  /** New session tickets are encrypted with these (tickets under the old keys then need a full handshake). */
  setTicketKeys(keys: Buffer): void {
    this.server.setTicketKeys(keys);
  }

  /** Stops accepting; connections already handed over drain with their protocol's server. */
  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
