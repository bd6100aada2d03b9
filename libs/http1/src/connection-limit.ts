import type { Socket } from 'node:net';
import { httpDate } from './clock.ts';
import { ConnectionEvent, type ConnectionMetrics } from './metrics.ts';
import { buildPage, type Page, Pages } from './pages.ts';
import type { RequestIds } from './request-id.ts';

/** A connection refused with a 503 may take this long to read it and close before it is destroyed. */
const REFUSAL_GRACE_MS = 2000;

export const Refusals = {
  overloaded: buildPage(503, 'Service Unavailable', 'this server has too many connections; retry.', [
    'retry-after',
    '1',
  ]),
  shuttingDown: Pages.shuttingDown,
} as const;

const noop = (): void => {};

/**
 * The connections over a server's limit: HAProxy's `maxconn` model. A server at its limit does not
 * read new connections; they wait, unread, in arrival order, and each is served when an open one
 * closes — what a listener that stops accepting gives (Node cannot stop calling accept(2) on a
 * listening socket, so the wait list is kept here, bounded, instead of in the kernel's backlog).
 * A connection that waited `maxWaitMs`, or finds the wait list full, is answered with a fast 503
 * (`Retry-After: 1`, `Connection: close`) instead: memory and descriptors stay bounded whatever
 * arrives.
 */
export class ConnectionLimit {
  readonly max: number;
  readonly maxWaiting: number;
  readonly #maxWaitMs: number;
  readonly #metrics: ConnectionMetrics | undefined;
  readonly #requestIds: RequestIds;
  /** Waiting sockets and when each arrived (performance.now()), oldest first from #head. */
  #sockets: Socket[] = [];
  #since: number[] = [];
  #head = 0;
  /** Refused connections still reading their 503 (bounded too: past maxWaiting they are cut). */
  #refusing = 0;

  constructor(
    max: number,
    maxWaiting: number,
    maxWaitMs: number,
    requestIds: RequestIds,
    metrics: ConnectionMetrics | undefined,
  ) {
    this.max = max;
    this.maxWaiting = maxWaiting;
    this.#maxWaitMs = maxWaitMs;
    this.#requestIds = requestIds;
    this.#metrics = metrics;
  }

  get waiting(): number {
    return this.#sockets.length - this.#head;
  }

  /** A new connection while the server is full: it waits, or is refused if the wait list is full. */
  wait(socket: Socket, now: number): void {
    socket.on('error', noop);
    if (this.waiting >= this.maxWaiting) {
      this.refuse(socket, Refusals.overloaded);
      return;
    }
    this.#metrics?.connectionEvent(ConnectionEvent.waited);
    this.#sockets.push(socket);
    this.#since.push(now);
  }

  /** The oldest waiting connection still open, taken off the list; undefined when none. */
  next(): Socket | undefined {
    while (this.#head < this.#sockets.length) {
      const socket = this.#sockets[this.#head] as Socket;
      this.#head++;
      this.#compact();
      if (!socket.destroyed) return socket;
    }
    return undefined;
  }

  /** Refuses the connections that waited too long (called by the server's sweep). */
  sweep(now: number): void {
    while (this.#head < this.#sockets.length && now - (this.#since[this.#head] as number) >= this.#maxWaitMs) {
      const socket = this.#sockets[this.#head] as Socket;
      this.#head++;
      if (!socket.destroyed) this.refuse(socket, Refusals.overloaded);
    }
    this.#compact();
  }

  /** Refuses every waiting connection with `page` (a drain's end). */
  refuseAll(page: Page): void {
    for (let i = this.#head; i < this.#sockets.length; i++) {
      const socket = this.#sockets[i] as Socket;
      if (!socket.destroyed) this.refuse(socket, page);
    }
    this.#sockets = [];
    this.#since = [];
    this.#head = 0;
  }

  /**
   * Answers a connection that will not be served with `page` and closes it. What the client sends
   * is read and dropped, so closing does not reset the answer away before the client reads it.
   */
  refuse(socket: Socket, page: Page): void {
    this.#metrics?.connectionEvent(ConnectionEvent.refused);
    socket.on('error', noop);
    if (this.#refusing >= this.maxWaiting) {
      socket.destroy();
      return;
    }
    this.#refusing++;
    socket.once('close', () => this.#refusing--);
    socket.setTimeout(REFUSAL_GRACE_MS, () => socket.destroy());
    socket.on('data', noop);
    socket.resume();
    socket.end(
      Buffer.concat([
        Buffer.from(
          `${page.head}${this.#requestIds.next()}\r\ndate: ${httpDate()}\r\nconnection: close\r\n\r\n`,
          'latin1',
        ),
        page.body,
      ]),
    );
  }

  #compact(): void {
    if (this.#head === this.#sockets.length) {
      this.#sockets = [];
      this.#since = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#sockets.length) {
      this.#sockets = this.#sockets.slice(this.#head);
      this.#since = this.#since.slice(this.#head);
      this.#head = 0;
    }
  }
}
