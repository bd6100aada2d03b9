import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy to a database that can go silent the way a cut network does: while stalled nothing is
 * forwarded in either direction and new connections are accepted but never reach the database, yet no
 * socket is closed. `resume()` forwards again (bytes held meanwhile included), as TCP would after a short cut.
 */
export class StallProxy {
  readonly #server: Server;
  readonly #target: { host: string; port: number };
  readonly #pairs = new Set<{ client: Socket; upstream: Socket | undefined }>();
  #stalled = false;

  private constructor(server: Server, target: { host: string; port: number }) {
    this.#server = server;
    this.#target = target;
    server.on('connection', (client) => this.#accept(client));
  }

  static async start(target: { host: string; port: number }): Promise<StallProxy> {
    const server = createServer();
    const proxy = new StallProxy(server, target);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    const address = this.#server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy not listening');
    return address.port;
  }

  stall(): void {
    this.#stalled = true;
    for (const { client, upstream } of this.#pairs) {
      if (upstream) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        upstream.pause();
      }
      client.pause();
    }
  }

  resume(): void {
    this.#stalled = false;
    for (const pair of this.#pairs) {
      if (pair.upstream) this.#forward(pair.client, pair.upstream);
      else pair.upstream = this.#dial(pair);
    }
  }

  async close(): Promise<void> {
    for (const { client, upstream } of this.#pairs) {
      client.destroy();
      upstream?.destroy();
    }
    this.#pairs.clear();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(client: Socket): void {
    const pair: { client: Socket; upstream: Socket | undefined } = { client, upstream: undefined };
    this.#pairs.add(pair);
    const drop = () => {
      this.#pairs.delete(pair);
      client.destroy();
      pair.upstream?.destroy();
    };
    client.on('error', drop);
    client.on('close', drop);
    if (this.#stalled) client.pause();
    else pair.upstream = this.#dial(pair);
  }

  #dial(pair: { client: Socket; upstream: Socket | undefined }): Socket {
    const upstream = connect(this.#target.port, this.#target.host);
    upstream.on('error', () => pair.client.destroy());
    upstream.on('close', () => pair.client.destroy());
    this.#forward(pair.client, upstream);
    return upstream;
  }

  #forward(client: Socket, upstream: Socket): void {
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
