import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import type { buildConnector } from 'undici';
import { type AddressPolicy, AddressRefusedError } from './address-policy.ts';

/** undici is loaded at the first connector (proxy rewrites only), not when a serving thread starts. */
const require = createRequire(import.meta.url);

/**
 * An undici connector for one origin that only opens connections the address policy allows: a
 * literal address is checked before connecting, a hostname's resolved addresses are filtered
 * before connecting (the `lookup` given to `net.connect`/`tls.connect`), and the peer the socket
 * ended up connected to is checked once more. Nothing is sent on a refused connection.
 */
export function guardedConnector(
  policy: AddressPolicy,
  port: number,
  options: { timeoutMs: number },
): buildConnector.connector {
  const connect = (require('undici') as typeof import('undici')).buildConnector({
    timeout: options.timeoutMs,
    lookup: policy.lookupFor(port),
  });
  return (opts, callback) => {
    const host = opts.hostname.startsWith('[') ? opts.hostname.slice(1, -1) : opts.hostname;
    if (isIP(host) !== 0) {
      const why = policy.refusal(host, port);
      if (why !== undefined) {
        callback(new AddressRefusedError(`proxy rewrite to ${opts.hostname}:${port} refused: ${why}`), null);
        return;
      }
    }
    connect(opts, (error, socket) => {
      if (error !== null) return callback(error, null);
      const peer = socket.remoteAddress;
      const why = peer === undefined ? 'no peer address' : policy.refusal(peer, port);
      if (why === undefined) return callback(null, socket);
      socket.destroy();
      callback(new AddressRefusedError(`proxy rewrite to ${opts.hostname}:${port} refused: ${why}`), null);
    });
  };
}
