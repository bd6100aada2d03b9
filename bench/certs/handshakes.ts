// TLS handshakes with many distinct SNI names against a router's TLS port (loopback only): each a new
// connection that checks the certificate it gets names the SNI it asked for, then closes.
import { connect } from 'node:tls';

export interface HandshakeResult {
  handshakes: number;
  failures: number;
  /** The first few failures' messages. */
  errors: string[];
  seconds: number;
}

function handshake(port: number, servername: string, ca: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername, ca, ALPNProtocols: ['http/1.1'] }, () => {
      socket.destroy();
      resolve();
    });
    socket.setTimeout(30_000, () => socket.destroy(new Error(`${servername}: handshake timed out`)));
    socket.once('error', reject);
  });
}

/** `rounds` passes over `names` (so that each serving thread likely sees each name), `concurrency` at a time. */
export async function handshakes(
  port: number,
  names: readonly string[],
  ca: string,
  opts: { rounds: number; concurrency: number },
): Promise<HandshakeResult> {
  const queue: string[] = [];
  for (let r = 0; r < opts.rounds; r++) queue.push(...names);
  const result: HandshakeResult = { handshakes: 0, failures: 0, errors: [], seconds: 0 };
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < queue.length) {
      const name = queue[next++] as string;
      try {
        await handshake(port, name, ca);
        result.handshakes++;
      } catch (error) {
        result.failures++;
        if (result.errors.length < 5) result.errors.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, lane));
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
