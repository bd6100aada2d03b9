import type { Socket } from 'node:net';

/**
 * Splices an upgraded client connection and its upstream together (WebSocket and other
 * protocols after a real 101): bytes both ways with backpressure, both closed when either side
 * closes, errs, or stays silent for `idleTimeoutMs`. `clientRest` are client bytes that arrived
 * with the request head. The upstream reads through `onread` (it emits no 'data'): what it reads
 * is handed to the returned function.
 */
export function tunnel(
  client: Socket,
  upstream: Socket,
  clientRest: Buffer,
  idleTimeoutMs: number,
): (chunk: Buffer) => void {
  const closeBoth = (): void => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', closeBoth);
  upstream.on('error', closeBoth);
  client.on('close', closeBoth);
  upstream.on('close', closeBoth);
  client.setTimeout(idleTimeoutMs, closeBoth);
  upstream.setTimeout(idleTimeoutMs, closeBoth);
  if (clientRest.length > 0) upstream.write(clientRest);
  client.pipe(upstream);
  client.on('drain', () => upstream.resume());
  upstream.on('end', () => client.end());
  upstream.resume();
  client.resume();
  return (chunk) => {
    if (!client.write(chunk)) upstream.pause();
  };
}
