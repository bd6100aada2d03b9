import { connect, type Socket } from 'node:net';
import { positive, UpstreamError } from './errors.ts';
import { ResponseHead } from './parse/response-head.ts';
import { copyOut, UPSTREAM_READ_BUFFER } from './read-slab.ts';

/** An upstream endpoint: an instance or the activator. */
export interface Target {
  readonly host: string;
  readonly port: number;
}

export interface UpstreamPoolOptions {
  /** Most connections per upstream (idle and busy); further requests queue. Default 128. */
  connectionsPerUpstream?: number;
  /** Requests waiting for a connection to one upstream; past it they get 503. Default 1024. */
  maxQueuedPerUpstream?: number;
  /**
   * How long an idle upstream connection is kept. Must stay below the upstreams' own keep-alive
   * timeout (Node's default is 5 s), or a request sent just as the upstream closes the socket
   * fails. Default 4000 ms.
   */
  keepAliveTimeoutMs?: number;
  /** Default 3000 ms. */
  connectTimeoutMs?: number;
  /** No byte from the upstream for this long while a request waits on it: 504. Default 60 000 ms. */
  readTimeoutMs?: number;
  /** Largest response head in bytes. Default 32 768. */
  maxResponseHeadBytes?: number;
}

/** What an exchange does with an upstream connection's events while it holds it. */
export interface UpstreamHandler {
  onUpstreamData(chunk: Buffer): void;
  /** The upstream closed, reset or timed out (`error.code` says which). */
  onUpstreamGone(error: UpstreamError): void;
  onUpstreamDrain(): void;
}

/** Waits for a connection from the pool. */
export interface UpstreamWaiter {
  onUpstream(conn: UpstreamConnection): void;
  onUpstreamError(error: UpstreamError): void;
  /** A waiter that no longer wants one (its client left) says so here. */
  readonly cancelled: boolean;
}

/**
 * One keep-alive socket to an upstream. Its listeners are attached once; events go to the
 * exchange holding it, and an idle connection that speaks or closes is dropped.
 */
export class UpstreamConnection {
  readonly socket: Socket;
  readonly head: ResponseHead;
  /** Served a request before: a failure before any response byte may be the keep-alive race. */
  reused = false;
  idleSince = 0;
  handler: UpstreamHandler | null = null;
  /**
   * Something was read, written or drained since the pool's last sweep. The read timeout is
   * judged by the sweep from this flag rather than by a socket timer, which Node would re-arm on
   * every read and write.
   */
  active = true;
  /** When the sweep first found a busy connection quiet. */
  quietSince = 0;
  readonly #pool: TargetPool;
  #connected = false;
  /** Where read bytes go once the socket is a tunnel's. */
  #sink: ((chunk: Buffer) => void) | null = null;
  #gone = false;

  constructor(pool: TargetPool, socket: Socket, limits: { maxHeadBytes: number; maxFields: number }) {
    this.#pool = pool;
    this.socket = socket;
    this.head = new ResponseHead(limits);
    socket.on('connect', this.#onConnect);
    socket.on('end', this.#onEnd);
    socket.on('error', this.#onError);
    socket.on('close', this.#onClose);
    socket.on('drain', this.#onDrain);
    socket.on('timeout', this.#onTimeout);
  }

  get target(): Target {
    return this.#pool.target;
  }

  /** Sends request bytes; false when the socket's buffer is full (wait for onUpstreamDrain). */
  write(bytes: Buffer): boolean {
    this.active = true;
    return this.socket.write(bytes);
  }

  /** Back to the pool for the next request (the exchange read the whole response). */
  release(): void {
    this.handler = null;
    this.#pool.release(this);
  }

  /** Closes it: it can carry no further request. */
  discard(): void {
    this.handler = null;
    this.socket.destroy();
  }

  /**
   * Hands the socket over (a tunnel): the pool forgets it, its listeners are removed, and what it
   * reads from now on goes to `sink` (the socket reads through `onread`: it emits no 'data').
   */
  detach(sink: (chunk: Buffer) => void): Socket {
    this.handler = null;
    this.#sink = sink;
    const s = this.socket;
    s.off('end', this.#onEnd);
    s.off('drain', this.#onDrain);
    s.off('timeout', this.#onTimeout);
    s.setTimeout(0);
    return s;
  }

  readonly #onConnect = (): void => {
    this.#connected = true;
    this.socket.setTimeout(0); // from now on the pool's sweep judges the read timeout
    this.#pool.connected(this);
  };

  /** Called by the sweep for a connection in use: fails it after `readTimeoutMs` without activity. */
  checkQuiet(now: number, readTimeoutMs: number): void {
    if (this.active) {
      this.active = false;
      this.quietSince = now;
    } else if (now - this.quietSince >= readTimeoutMs) {
      this.#fail('UPSTREAM_TIMEOUT', 'the upstream sent nothing in time');
    }
  }

  /** The socket's `onread` callback: `length` bytes are in the thread's read buffer. */
  readonly onRead = (length: number): void => {
    const chunk = copyOut(UPSTREAM_READ_BUFFER, length);
    if (this.#sink !== null) this.#sink(chunk);
    else this.#onData(chunk);
  };

  #onData(chunk: Buffer): void {
    this.active = true;
    const handler = this.handler;
    if (handler === null)
      this.socket.destroy(); // an idle upstream has nothing to say
    else handler.onUpstreamData(chunk);
  }

  readonly #onEnd = (): void => this.#fail('UPSTREAM_CLOSED', 'the upstream closed the connection');

  readonly #onError = (error: Error & { code?: string }): void =>
    this.#fail(error.code ?? 'UPSTREAM_ERROR', error.message);

  readonly #onTimeout = (): void => {
    if (!this.#connected) this.#fail('CONNECT_TIMEOUT', 'connecting to the upstream timed out');
  };

  readonly #onClose = (): void => {
    this.#fail('UPSTREAM_CLOSED', 'the upstream connection closed');
    this.#pool.closed(this, this.#connected);
  };

  readonly #onDrain = (): void => {
    this.active = true;
    this.handler?.onUpstreamDrain();
  };

  #fail(code: string, message: string): void {
    if (this.#gone) return;
    this.#gone = true;
    const handler = this.handler;
    this.handler = null;
    this.socket.destroy();
    if (handler !== null) handler.onUpstreamGone(new UpstreamError(code, message));
    else if (!this.#connected) this.#pool.connectFailed(this, new UpstreamError(code, message));
  }
}

/** The connections to one upstream: idle ones (most recent first), a count, and a wait queue. */
class TargetPool {
  readonly target: Target;
  readonly idle: UpstreamConnection[] = [];
  readonly queue: UpstreamWaiter[] = [];
  /** Every open connection, idle or busy (the sweep checks the busy ones' read timeout). */
  readonly #all = new Set<UpstreamConnection>();
  /** Waiters of connections still connecting, by connection. */
  readonly #connecting = new Map<UpstreamConnection, UpstreamWaiter>();
  open = 0;
  used = true;
  readonly #owner: UpstreamPool;

  constructor(owner: UpstreamPool, target: Target) {
    this.#owner = owner;
    this.target = target;
  }

  get readTimeoutMs(): number {
    return this.#owner.readTimeoutMs;
  }

  acquire(waiter: UpstreamWaiter): void {
    this.used = true;
    const idle = this.idle;
    while (idle.length > 0) {
      const conn = idle.pop() as UpstreamConnection;
      if (conn.socket.destroyed) continue;
      conn.reused = true;
      conn.active = true;
      waiter.onUpstream(conn);
      return;
    }
    if (this.open < this.#owner.maxConnections) {
      this.#connect(waiter);
      return;
    }
    if (this.queue.length >= this.#owner.maxQueued) {
      waiter.onUpstreamError(new UpstreamError('UPSTREAM_BUSY', 'too many requests waiting for this upstream'));
      return;
    }
    this.queue.push(waiter);
  }

  release(conn: UpstreamConnection): void {
    const waiter = this.#nextWaiter();
    if (waiter !== undefined) {
      conn.reused = true;
      conn.active = true;
      waiter.onUpstream(conn);
      return;
    }
    conn.idleSince = performance.now();
    this.idle.push(conn);
  }

  connected(conn: UpstreamConnection): void {
    const waiter = this.#connecting.get(conn);
    this.#connecting.delete(conn);
    if (waiter === undefined || waiter.cancelled) this.release(conn);
    else waiter.onUpstream(conn);
  }

  connectFailed(conn: UpstreamConnection, error: UpstreamError): void {
    const waiter = this.#connecting.get(conn);
    this.#connecting.delete(conn);
    if (waiter !== undefined && !waiter.cancelled) waiter.onUpstreamError(error);
  }

  closed(conn: UpstreamConnection, wasConnected: boolean): void {
    this.open--;
    this.#all.delete(conn);
    const i = this.idle.indexOf(conn);
    if (i >= 0) this.idle.splice(i, 1);
    if (!wasConnected) this.connectFailed(conn, new UpstreamError('UPSTREAM_CLOSED', 'connection closed'));
    // A slot is free: a queued request may connect now.
    const waiter = this.#nextWaiter();
    if (waiter !== undefined) this.#connect(waiter);
  }

  /**
   * Closes connections idle for longer than `keepAliveMs`, and fails busy ones the upstream has
   * been quiet on for `readTimeoutMs`; true when the pool is empty.
   */
  sweep(now: number, keepAliveMs: number, readTimeoutMs: number): boolean {
    for (let i = this.idle.length - 1; i >= 0; i--) {
      const conn = this.idle[i] as UpstreamConnection;
      if (now - conn.idleSince >= keepAliveMs) conn.discard();
    }
    for (const conn of this.#all) if (conn.handler !== null) conn.checkQuiet(now, readTimeoutMs);
    return this.open === 0 && this.queue.length === 0;
  }

  #nextWaiter(): UpstreamWaiter | undefined {
    let waiter = this.queue.shift();
    while (waiter?.cancelled) waiter = this.queue.shift();
    return waiter;
  }

  #connect(waiter: UpstreamWaiter): void {
    this.open++;
    let conn: UpstreamConnection | null = null;
    const socket = connect({
      host: this.target.host,
      port: this.target.port,
      noDelay: true,
      // Reads land in one buffer per thread (see read-slab.ts), not an ArrayBuffer of their own.
      onread: {
        buffer: UPSTREAM_READ_BUFFER,
        callback: (length: number) => {
          conn?.onRead(length);
          return true;
        },
      },
    });
    socket.setTimeout(this.#owner.connectTimeoutMs);
    conn = new UpstreamConnection(this, socket, this.#owner.headLimits);
    this.#all.add(conn);
    this.#connecting.set(conn, waiter);
  }
}

/**
 * Keep-alive pools of raw sockets, one per upstream (host:port), for one serving thread. Idle
 * connections are reused most-recent-first and closed after `keepAliveTimeoutMs`; pools nobody
 * used for a minute are forgotten.
 */
export class UpstreamPool {
  readonly maxConnections: number;
  readonly maxQueued: number;
  readonly keepAliveTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  readonly headLimits: { maxHeadBytes: number; maxFields: number };
  readonly #pools = new Map<string, TargetPool>();
  readonly #sweep: NodeJS.Timeout;
  #sweeps = 0;

  constructor(options: UpstreamPoolOptions = {}) {
    this.maxConnections = positive(options.connectionsPerUpstream ?? 128, 'connectionsPerUpstream');
    this.maxQueued = positive(options.maxQueuedPerUpstream ?? 1024, 'maxQueuedPerUpstream');
    this.keepAliveTimeoutMs = positive(options.keepAliveTimeoutMs ?? 4000, 'keepAliveTimeoutMs');
    this.connectTimeoutMs = positive(options.connectTimeoutMs ?? 3000, 'connectTimeoutMs');
    this.readTimeoutMs = positive(options.readTimeoutMs ?? 60_000, 'readTimeoutMs');
    this.headLimits = {
      maxHeadBytes: positive(options.maxResponseHeadBytes ?? 32_768, 'maxResponseHeadBytes'),
      maxFields: 256,
    };
    // A timeout fires within a quarter of its length (a read timeout between 1 and 1.25 times it).
    const every = Math.min(1000, Math.max(25, Math.min(this.keepAliveTimeoutMs, this.readTimeoutMs) / 4));
    this.#sweep = setInterval(() => this.#closeIdle(), every).unref();
  }

  get size(): number {
    return this.#pools.size;
  }

  /** Hands `waiter` a connection to `target`: an idle one, a new one, or one freed later. */
  acquire(target: Target, waiter: UpstreamWaiter): void {
    const key = `${target.host}:${target.port}`;
    let pool = this.#pools.get(key);
    if (pool === undefined) {
      pool = new TargetPool(this, target);
      this.#pools.set(key, pool);
    }
    pool.acquire(waiter);
  }

  /** Closes every idle connection; connections in use close when their exchange ends. */
  async close(): Promise<void> {
    clearInterval(this.#sweep);
    for (const pool of this.#pools.values()) {
      for (const conn of [...pool.idle]) conn.discard();
    }
    this.#pools.clear();
  }

  #closeIdle(): void {
    const now = performance.now();
    const forget = ++this.#sweeps % 60 === 0;
    for (const [key, pool] of this.#pools) {
      const empty = pool.sweep(now, this.keepAliveTimeoutMs, this.readTimeoutMs);
      if (forget) {
        if (empty && !pool.used) this.#pools.delete(key);
        pool.used = false;
      }
    }
  }
}
