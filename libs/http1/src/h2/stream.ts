import type { H2Connection } from './connection.ts';

/**
 * One HTTP/2 stream's protocol state: whether each side has ended, the flow-control windows both
 * ways, request body bytes held while the reader is paused, response bytes held while a window is
 * shut. What the stream means (a request to route, an answer from memory) is a subclass's: the
 * connection calls the `on…` hooks, the subclass calls `sendHeaders`/`sendData`/`reset`.
 */
export abstract class H2Stream {
  readonly id: number;
  readonly connection: H2Connection;
  /** The client ended its side (END_STREAM), or the stream is closed. */
  remoteEnded: boolean;
  /** We ended our side (END_STREAM sent or queued). */
  localEnded = false;
  /** Closed both ways, or reset: no frame of it is sent or delivered any more. */
  streamClosed = false;
  /** Bytes we may still send on this stream (the client's window). */
  sendWindow: number;
  /** Bytes the client may still send us (our window), and those consumed but not yet credited back. */
  recvWindow: number;
  unacked = 0;
  /** Response bytes held back by flow control (buffers owned by their writer, not copied). */
  queue: Buffer[] | null = null;
  queuedBytes = 0;
  /** END_STREAM goes with the last queued buffer. */
  queueEnds = false;
  /** The reader paused the request body; what arrives meanwhile is held (bounded by our window). */
  paused = false;
  held: Buffer[] | null = null;
  /** Free bytes after the last held buffer, in the slab it was copied into. */
  heldRoom = 0;
  heldEnd = false;
  /** RST_STREAM(NO_ERROR) once the response is out: its request body is not wanted (RFC 9113 §8.1). */
  resetWhenSent = false;
  /** sendData returned false: tell `onWritable` when there is room again. */
  wantsWritable = false;

  constructor(connection: H2Connection, id: number, endStream: boolean) {
    this.connection = connection;
    this.id = id;
    this.remoteEnded = endStream;
    this.sendWindow = connection.peerInitialWindow;
    this.recvWindow = connection.localInitialWindow;
    connection.register(this);
  }

  /** Request body bytes (DATA payload) arrived. */
  abstract onData(chunk: Buffer): void;
  /** The request is complete (END_STREAM; trailers are dropped). */
  abstract onEnd(): void;
  /** The stream is over: `completed` when both sides ended normally, otherwise reset (`code`) or cut. */
  abstract onClose(completed: boolean, code: number, byPeer: boolean): void;
  /** Room again after `sendData` returned false. */
  abstract onWritable(): void;

  /** HEADERS (and CONTINUATION) with the block `buf[0, length)` from the encoder. */
  sendHeaders(block: Buffer, length: number, endStream: boolean): void {
    if (this.streamClosed || this.localEnded) return;
    if (endStream) this.localEnded = true;
    this.connection.writeHeaders(this, block, length, endStream);
    if (endStream) this.connection.localEnd(this);
  }

  /**
   * DATA, within the windows; the rest is held until the client opens them. False: stop producing
   * until `onWritable` (held bytes, or the socket is congested).
   */
  sendData(buf: Buffer, endStream: boolean): boolean {
    if (this.streamClosed || this.localEnded) return true;
    return this.connection.writeData(this, buf, endStream);
  }

  /** RST_STREAM with `code`; the stream is closed (its `onClose` runs). */
  reset(code: number): void {
    if (this.streamClosed) return;
    this.connection.resetStream(this, code, false);
  }

  /** After a complete response: stop the request body with RST_STREAM(NO_ERROR) once the response is sent. */
  endRequestBody(): void {
    if (this.streamClosed || this.remoteEnded) return;
    if (this.localEnded && this.queue === null) this.reset(0);
    else this.resetWhenSent = true;
  }

  /** Stops crediting the client's window: the request body waits (bounded by the window). */
  pause(): void {
    this.paused = true;
  }

  /** Delivers what was held and credits it back. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.connection.releaseHeld(this);
  }
}
