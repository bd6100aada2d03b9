import type { TLSSocket } from 'node:tls';
import { Outcome, type OutcomeCode } from '../metrics.ts';
import {
  DEFAULT_MAX_FRAME_SIZE,
  DEFAULT_WINDOW,
  ErrorCode,
  FRAME_HEADER_LENGTH,
  FrameFlag,
  FrameType,
  MAX_FRAME_SIZE_LIMIT,
  MAX_WINDOW,
  Setting,
} from './frame.ts';
import { FrameReader, type FrameSink } from './frame-reader.ts';
import { HpackDecoder, HpackResult, type HpackResultCode } from './hpack-decoder.ts';
import { H2Output } from './output.ts';
import type { H2Stream } from './stream.ts';

/** Limits of one connection (the session's options, resolved). Per-interval counts restart on `tick()`. */
export interface H2ConnectionLimits {
  /** SETTINGS_MAX_CONCURRENT_STREAMS we announce and enforce (REFUSED_STREAM past it). */
  readonly maxConcurrentStreams: number;
  /** Decoded header list bound (RFC sizes) and field count, enforced while decoding; announced as SETTINGS_MAX_HEADER_LIST_SIZE. */
  readonly maxHeaderListSize: number;
  readonly maxHeaderCount: number;
  /** Largest header block (HEADERS + CONTINUATION payloads) we collect. */
  readonly maxHeaderBlockSize: number;
  /** Our stream receive window (SETTINGS_INITIAL_WINDOW_SIZE) and connection receive window. */
  readonly initialWindowSize: number;
  readonly connectionWindowSize: number;
  /** Entries in one SETTINGS frame. */
  readonly maxSettingsEntries: number;
  /** Response bytes buffered for the socket past which streams are told to wait. */
  readonly maxBufferedBytes: number;
  readonly maxResetsPerInterval: number;
  readonly maxPingsPerInterval: number;
  readonly maxSettingsPerInterval: number;
  /** Frames that carry nothing (empty DATA or CONTINUATION, PRIORITY, unknown types, DATA on closed streams). */
  readonly maxEmptyFramesPerInterval: number;
  /** Streams refused for the concurrency limit once our SETTINGS were acknowledged. */
  readonly maxRefusedPerInterval: number;
}

/** What a connection tells the layer above it. */
export interface H2ConnectionHandler {
  /**
   * A client opened stream `id`; its fields are in `decoder.fields` (`result` tooLarge: the list
   * passed the bound and is incomplete). Returns the stream, or null after refusing it
   * (`connection.refuseStream`).
   */
  openStream(
    connection: H2Connection,
    id: number,
    decoder: HpackDecoder,
    result: HpackResultCode,
    endStream: boolean,
  ): H2Stream | null;
  /** The client reset a stream whose response was not complete. */
  peerReset(stream: H2Stream): void;
  /** The connection ended with a GOAWAY of ours for `outcome` (abuse or protocol error). */
  failed(outcome: OutcomeCode, code: number): void;
  /** The socket closed. */
  closed(): void;
  /** The client's first SETTINGS arrived (the preface is complete). */
  prefaceDone(): void;
  /** No stream is open any more. */
  idle(): void;
}

const EMPTY = Buffer.alloc(0);
/** DATA payloads below this are copied before they are passed on (see `copyOf`). */
const SMALL_DATA = 4096;

/**
 * `chunk` in memory of its own. A reader that keeps small payloads (a congested upstream socket
 * counts each as its length: 16 KiB of one-byte writes) must not keep what they are views of — the
 * read buffer, or a 64 KiB slab of Buffer's pool shared with whole frames.
 */
export function copyOf(chunk: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(chunk.length);
  chunk.copy(copy);
  return copy;
}
/** A flag of our own on a header block's flags: its PRIORITY made the stream depend on itself. */
const SELF_DEPENDENT = 0x100;

/**
 * One server-side HTTP/2 connection on a TLS socket (RFC 9113): the frames its `FrameReader` cuts,
 * the connection's state machine (preface, SETTINGS, stream ids, GOAWAY), flow control both ways, HPACK decoding of
 * request header blocks, and the limits against hostile clients. Frames are written into one output
 * per connection and flushed once per I/O turn. Streams are `H2Stream`s made by the handler.
 */
export class H2Connection implements FrameSink {
  readonly socket: TLSSocket;
  readonly #handler: H2ConnectionHandler;
  readonly #limits: H2ConnectionLimits;
  readonly #decoder: HpackDecoder;
  readonly #out = new H2Output();
  readonly #streams = new Map<number, H2Stream>();
  /** Streams with response bytes held by flow control, and those waiting for the socket. */
  readonly #blocked = new Set<H2Stream>();
  readonly #waiting = new Set<H2Stream>();

  // Settings.
  peerInitialWindow = DEFAULT_WINDOW;
  readonly localInitialWindow: number;
  #peerMaxFrameSize = DEFAULT_MAX_FRAME_SIZE;
  #settingsAcked = false;

  // Connection flow control.
  #sendWindow = DEFAULT_WINDOW;
  #recvWindow: number;
  #recvUnacked = 0;

  // Reading.
  #settingsSeen = false;
  readonly #reader = new FrameReader(this);
  /** A header block being collected over CONTINUATION frames. */
  #blockStream = 0;
  #blockFlags = 0;
  #block: Buffer | null = null;
  #blockLength = 0;
  lastStreamId = 0;
  /** Reads dropped after a connection error (the session closes the socket once they stop). */
  droppedInputs = 0;
  /** The last stream handed to the handler: what GOAWAY names (refused streams were not acted on). */
  #lastAccepted = 0;

  // Ending.
  #goawaySent = false;
  #peerGoaway = false;
  /** A connection error was sent: input is ignored, the socket ends once the GOAWAY is out. */
  #dead = false;
  #socketClosed = false;
  #flushScheduled: NodeJS.Immediate | null = null;
  #inRead = false;
  #readPaused = false;

  // Per-interval counts.
  #resets = 0;
  #pings = 0;
  #settingsCount = 0;
  #empty = 0;
  #refused = 0;

  constructor(socket: TLSSocket, handler: H2ConnectionHandler, limits: H2ConnectionLimits) {
    this.socket = socket;
    this.#handler = handler;
    this.#limits = limits;
    this.#decoder = new HpackDecoder(4096);
    this.localInitialWindow = limits.initialWindowSize;
    this.#recvWindow = limits.connectionWindowSize;
    socket.setNoDelay(true);
    socket.on('data', this.#onData);
    socket.on('drain', this.#onDrain);
    socket.on('error', this.#onError);
    socket.on('close', this.#onClose);
    // Our SETTINGS, and the connection window raised past the default.
    const out = this.#out;
    const entries: [number, number][] = [
      [Setting.maxConcurrentStreams, limits.maxConcurrentStreams],
      [Setting.maxHeaderListSize, limits.maxHeaderListSize],
    ];
    if (limits.initialWindowSize !== DEFAULT_WINDOW)
      entries.push([Setting.initialWindowSize, limits.initialWindowSize]);
    const b = out.reserve(FRAME_HEADER_LENGTH + 6 * entries.length);
    out.frameHeader(6 * entries.length, FrameType.settings, 0, 0);
    let p = out.pos;
    for (const [id, value] of entries) {
      b.writeUInt16BE(id, p);
      b.writeUInt32BE(value, p + 2);
      p += 6;
    }
    out.advance(6 * entries.length);
    if (limits.connectionWindowSize > DEFAULT_WINDOW) {
      out.frame32(FrameType.windowUpdate, 0, 0, limits.connectionWindowSize - DEFAULT_WINDOW);
    }
    this.#flush();
  }

  get streamCount(): number {
    return this.#streams.size;
  }
  get destroyed(): boolean {
    return this.#socketClosed;
  }
  get goawaySent(): boolean {
    return this.#goawaySent;
  }
  get settingsAcked(): boolean {
    return this.#settingsAcked;
  }
  streams(): IterableIterator<H2Stream> {
    return this.#streams.values();
  }

  /** Restarts the per-interval counts (the session's sweep); lets an idle connection's buffers go. */
  tick(): void {
    // A connection with nothing under way keeps no output buffer (idle keep-alive connections).
    if (this.#streams.size === 0) this.#out.release();
    this.#resets = 0;
    this.#pings = 0;
    this.#settingsCount = 0;
    this.#empty = 0;
    this.#refused = 0;
  }

  // ---- reading ----

  readonly #onData = (chunk: Buffer): void => {
    if (this.#dead) {
      // After our GOAWAY the input is read and dropped (so that closing the socket does not reset
      // the connection over unread bytes, losing the GOAWAY); when it last came is the session's cue.
      this.droppedInputs++;
      return;
    }
    this.#inRead = true;
    this.#reader.push(chunk);
    this.#inRead = false;
    this.#flush();
    // A client that does not read what it asks for (pages, PING and SETTINGS acknowledgements,
    // resets) is not read either until the socket drains: its output stays bounded.
    if (this.socket.writableLength > this.#limits.maxBufferedBytes && !this.#readPaused) {
      this.#readPaused = true;
      this.socket.pause();
    }
  };

  // ---- FrameSink (the reader's) ----

  get stopped(): boolean {
    return this.#dead;
  }

  frameTooLarge(): void {
    this.#connectionError(ErrorCode.frameSizeError);
  }

  badPreface(): void {
    this.destroy();
  }

  /** The frame at `buf[at]` (its header, then `length` bytes of payload). */
  frame(buf: Buffer, at: number, length: number): void {
    const type = buf[at + 3] as number;
    const flags = buf[at + 4] as number;
    const id = buf.readUInt32BE(at + 5) & 0x7fffffff;
    const start = at + FRAME_HEADER_LENGTH;
    if (!this.#settingsSeen && type !== FrameType.settings) {
      // The preface's SETTINGS must come first (RFC 9113 §3.4).
      this.#connectionError(ErrorCode.protocolError);
      return;
    }
    this.#frame(type, flags, id, buf, start, start + length);
  }

  #frame(type: number, flags: number, id: number, buf: Buffer, start: number, end: number): void {
    if (this.#blockStream !== 0 && type !== FrameType.continuation) {
      this.#connectionError(ErrorCode.protocolError);
      return;
    }
    switch (type) {
      case FrameType.data:
        this.#onDataFrame(flags, id, buf, start, end);
        return;
      case FrameType.headers:
        this.#onHeaders(flags, id, buf, start, end);
        return;
      case FrameType.priority:
        if (id === 0) this.#connectionError(ErrorCode.protocolError);
        else if (end - start !== 5) this.#streamError(id, ErrorCode.frameSizeError);
        else if ((buf.readUInt32BE(start) & 0x7fffffff) === id) this.#streamError(id, ErrorCode.protocolError);
        else this.#emptyFrame();
        return;
      case FrameType.rstStream:
        this.#onReset(id, buf, start, end);
        return;
      case FrameType.settings:
        this.#onSettings(flags, id, buf, start, end);
        return;
      case FrameType.ping:
        this.#onPing(flags, id, buf, start, end);
        return;
      case FrameType.goaway:
        if (id !== 0) this.#connectionError(ErrorCode.protocolError);
        else if (end - start < 8) this.#connectionError(ErrorCode.frameSizeError);
        else this.#onGoaway();
        return;
      case FrameType.windowUpdate:
        this.#onWindowUpdate(id, buf, start, end);
        return;
      case FrameType.continuation:
        this.#onContinuation(flags, id, buf, start, end);
        return;
      case FrameType.pushPromise:
        this.#connectionError(ErrorCode.protocolError); // clients never push
        return;
      default:
        this.#emptyFrame(); // unknown types are ignored (§4.1), but not in floods
    }
  }

  #emptyFrame(): void {
    if (++this.#empty > this.#limits.maxEmptyFramesPerInterval) this.abuse(Outcome.h2ProtocolError);
  }

  #onDataFrame(flags: number, id: number, buf: Buffer, start: number, end: number): void {
    if (id === 0) {
      this.#connectionError(ErrorCode.protocolError);
      return;
    }
    const frameLength = end - start;
    if ((flags & FrameFlag.padded) !== 0) {
      if (frameLength < 1) {
        this.#connectionError(ErrorCode.frameSizeError);
        return;
      }
      const pad = buf[start] as number;
      if (pad >= frameLength) {
        this.#connectionError(ErrorCode.protocolError);
        return;
      }
      start++;
      end -= pad;
    }
    this.#recvWindow -= frameLength;
    if (this.#recvWindow < 0) {
      this.#connectionError(ErrorCode.flowControlError);
      return;
    }
    const stream = this.#streams.get(id);
    if (stream === undefined || stream.remoteEnded || stream.heldEnd) {
      if (id > this.lastStreamId) {
        this.#connectionError(ErrorCode.protocolError); // an idle stream
        return;
      }
      // A closed stream (or one whose client side ended): a stream error STREAM_CLOSED (§5.1);
      // the bytes still count on the connection.
      this.#creditConnection(frameLength);
      this.#streamError(id, ErrorCode.streamClosed);
      return;
    }
    stream.recvWindow -= frameLength;
    if (stream.recvWindow < 0) {
      this.#creditConnection(frameLength);
      this.#streamError(id, ErrorCode.flowControlError);
      return;
    }
    const endStream = (flags & FrameFlag.endStream) !== 0;
    if (end === start && !endStream) this.#emptyFrame();
    // Padding is credited at once; the data when the stream's reader took it.
    if (frameLength > end - start) this.#credit(stream, frameLength - (end - start));
    if (end > start) {
      const chunk = buf.subarray(start, end);
      if (stream.paused) {
        this.#hold(stream, chunk);
      } else {
        this.#credit(stream, chunk.length);
        stream.onData(chunk.length < SMALL_DATA ? copyOf(chunk) : chunk);
      }
    }
    if (endStream) this.#remoteEnd(stream);
  }

  /**
   * Body bytes for a paused reader, copied into buffers of the stream's own, filled up before
   * another is taken: a view of the read buffer would keep all of it alive (a one-byte DATA frame in
   * each 16 KiB TLS record held 16 KiB per byte of window).
   */
  #hold(stream: H2Stream, chunk: Buffer): void {
    stream.held ??= [];
    const held = stream.held;
    const last = held[held.length - 1];
    if (last !== undefined && stream.heldRoom >= chunk.length) {
      const grown = Buffer.from(last.buffer, last.byteOffset, last.length + chunk.length);
      chunk.copy(grown, last.length);
      held[held.length - 1] = grown;
      stream.heldRoom -= chunk.length;
      return;
    }
    const slab = Buffer.allocUnsafeSlow(Math.max(chunk.length, 16 * 1024));
    chunk.copy(slab);
    held.push(slab.subarray(0, chunk.length));
    stream.heldRoom = slab.length - chunk.length;
  }

  #remoteEnd(stream: H2Stream): void {
    if (stream.remoteEnded) return;
    if (stream.paused && stream.held !== null && stream.held.length > 0) {
      stream.heldEnd = true;
      return;
    }
    stream.remoteEnded = true;
    if (!stream.streamClosed) stream.onEnd();
    if (stream.localEnded) this.#close(stream, true, ErrorCode.noError, false);
  }

  /** The reader resumed: held body bytes are delivered and credited. */
  releaseHeld(stream: H2Stream): void {
    const held = stream.held;
    stream.held = null;
    if (held !== null) {
      for (let i = 0; i < held.length; i++) {
        const chunk = held[i] as Buffer;
        if (stream.streamClosed) {
          this.#creditConnection(chunk.length); // reset meanwhile: nobody takes the rest
          continue;
        }
        this.#credit(stream, chunk.length);
        stream.onData(chunk);
        if (stream.paused && !stream.streamClosed) {
          stream.held = held.slice(i + 1);
          return;
        }
      }
    }
    if (stream.heldEnd) {
      stream.heldEnd = false;
      this.#remoteEnd(stream);
    }
    this.#scheduleFlush();
  }

  /** `n` received bytes were consumed: credit the windows back in large enough steps. */
  #credit(stream: H2Stream, n: number): void {
    this.#creditConnection(n);
    stream.unacked += n;
    if (!stream.remoteEnded && stream.unacked >= this.localInitialWindow >> 1) {
      this.#out.frame32(FrameType.windowUpdate, 0, stream.id, stream.unacked);
      stream.recvWindow += stream.unacked;
      stream.unacked = 0;
    }
  }

  #creditConnection(n: number): void {
    this.#recvUnacked += n;
    if (this.#recvUnacked >= this.#limits.connectionWindowSize >> 1) {
      this.#out.frame32(FrameType.windowUpdate, 0, 0, this.#recvUnacked);
      this.#recvWindow += this.#recvUnacked;
      this.#recvUnacked = 0;
    }
  }

  #onHeaders(flags: number, id: number, buf: Buffer, start: number, end: number): void {
    if (id === 0 || (id & 1) === 0) {
      this.#connectionError(ErrorCode.protocolError);
      return;
    }
    if ((flags & FrameFlag.padded) !== 0) {
      if (end - start < 1) {
        this.#connectionError(ErrorCode.frameSizeError);
        return;
      }
      const pad = buf[start] as number;
      start++;
      // Padding past what the priority fields leave is a PROTOCOL_ERROR too (§6.2).
      if (pad > Math.max(0, end - start - ((flags & FrameFlag.priority) !== 0 ? 5 : 0))) {
        this.#connectionError(ErrorCode.protocolError);
        return;
      }
      end -= pad;
    }
    if ((flags & FrameFlag.priority) !== 0) {
      if (end - start < 5) {
        this.#connectionError(ErrorCode.frameSizeError);
        return;
      }
      // A stream that depends on itself is a stream error (§5.3.1); its block is still decoded.
      if ((buf.readUInt32BE(start) & 0x7fffffff) === id) flags |= SELF_DEPENDENT;
      start += 5;
    }
    if ((flags & FrameFlag.endHeaders) !== 0) {
      if (end === start) this.#emptyFrame();
      this.#headerBlock(id, flags, buf, start, end);
      return;
    }
    // The block continues in CONTINUATION frames: collected (bounded) into one buffer.
    this.#blockStream = id;
    this.#blockFlags = flags;
    this.#blockLength = 0;
    this.#appendBlock(buf, start, end);
  }

  #onContinuation(flags: number, id: number, buf: Buffer, start: number, end: number): void {
    if (this.#blockStream === 0 || id !== this.#blockStream) {
      this.#connectionError(ErrorCode.protocolError);
      return;
    }
    if (end === start && (flags & FrameFlag.endHeaders) === 0) this.#emptyFrame();
    if (!this.#appendBlock(buf, start, end) || this.#dead) return;
    if ((flags & FrameFlag.endHeaders) === 0) return;
    this.#blockStream = 0;
    const block = this.#block as Buffer;
    this.#block = null; // rare (a block over one frame): not kept for the connection's life
    this.#headerBlock(id, this.#blockFlags, block, 0, this.#blockLength);
  }

  #appendBlock(buf: Buffer, start: number, end: number): boolean {
    const length = this.#blockLength + (end - start);
    if (length > this.#limits.maxHeaderBlockSize) {
      // A header block without end (CONTINUATION flood): past the bound, the connection ends.
      this.abuse(Outcome.h2HeadersTooLarge);
      return false;
    }
    if (this.#block === null || this.#block.length < length) {
      const bigger = Buffer.allocUnsafe(Math.min(this.#limits.maxHeaderBlockSize, Math.max(length, 4096) * 2));
      if (this.#block !== null) this.#block.copy(bigger, 0, 0, this.#blockLength);
      this.#block = bigger;
    }
    buf.copy(this.#block, this.#blockLength, start, end);
    this.#blockLength = length;
    return true;
  }

  #headerBlock(id: number, flags: number, buf: Buffer, start: number, end: number): void {
    const limits = this.#limits;
    const endStream = (flags & FrameFlag.endStream) !== 0;
    // Decoded first, whatever becomes of the stream: the HPACK table must stay in step (§4.3).
    const result = this.#decoder.decode(buf, start, end, limits.maxHeaderListSize, limits.maxHeaderCount);
    if (result === HpackResult.error) {
      this.#connectionError(ErrorCode.compressionError);
      return;
    }
    if (id <= this.lastStreamId) {
      const stream = this.#streams.get(id);
      if (stream === undefined) {
        // Not increasing: an unexpected stream identifier (RFC 9113 §5.1.1).
        this.#connectionError(ErrorCode.protocolError);
        return;
      }
      // Trailers: they must end the stream (§8.1); their fields are dropped.
      if (stream.remoteEnded || stream.heldEnd) {
        this.#streamError(id, ErrorCode.streamClosed);
        return;
      }
      if (!endStream) {
        this.#streamError(id, ErrorCode.protocolError);
        return;
      }
      this.#remoteEnd(stream);
      return;
    }
    this.lastStreamId = id;
    if (this.#goawaySent) {
      this.#writeReset(id, ErrorCode.refusedStream);
      return;
    }
    if (this.#streams.size >= limits.maxConcurrentStreams) {
      this.#writeReset(id, ErrorCode.refusedStream);
      // A client may race our SETTINGS; once it acknowledged them, it knows the limit.
      const allowed = this.#settingsAcked ? limits.maxRefusedPerInterval : limits.maxConcurrentStreams;
      if (++this.#refused > allowed) this.abuse(Outcome.h2TooManyStreams);
      return;
    }
    if ((flags & SELF_DEPENDENT) !== 0) {
      this.#writeReset(id, ErrorCode.protocolError);
      return;
    }
    this.#lastAccepted = id;
    this.#handler.openStream(this, id, this.#decoder, result, endStream);
  }

  /** A stream made by the handler joins the connection (H2Stream's constructor). */
  register(stream: H2Stream): void {
    this.#streams.set(stream.id, stream);
  }

  /** Refuses a stream the handler will not serve: RST_STREAM `code`, no state kept. */
  refuseStream(id: number, code: number): void {
    this.#writeReset(id, code);
  }

  #onReset(id: number, buf: Buffer, start: number, end: number): void {
    if (id === 0) {
      this.#connectionError(ErrorCode.protocolError);
      return;
    }
    if (end - start !== 4) {
      this.#connectionError(ErrorCode.frameSizeError);
      return;
    }
    if (id > this.lastStreamId) {
      this.#connectionError(ErrorCode.protocolError);
      return;
    }
    const stream = this.#streams.get(id);
    if (stream === undefined) {
      this.#emptyFrame(); // a closed stream: nothing to do, but not in floods
      return;
    }
    const code = buf.readUInt32BE(start);
    if (!stream.localEnded) {
      this.#handler.peerReset(stream);
      if (++this.#resets > this.#limits.maxResetsPerInterval) {
        this.#close(stream, false, code, true);
        this.abuse(Outcome.h2RapidReset);
        return;
      }
    }
    this.#close(stream, false, code, true);
  }

  #onSettings(flags: number, id: number, buf: Buffer, start: number, end: number): void {
    if (id !== 0) {
      this.#connectionError(ErrorCode.protocolError);
      return;
    }
    if ((flags & FrameFlag.ack) !== 0) {
      if (end !== start) {
        this.#connectionError(ErrorCode.frameSizeError);
        return;
      }
      // Only our SETTINGS are acknowledged; acknowledgements of nothing count as empty frames.
      if (this.#settingsAcked) this.#emptyFrame();
      this.#settingsAcked = true;
      return;
    }
    if ((end - start) % 6 !== 0) {
      this.#connectionError(ErrorCode.frameSizeError);
      return;
    }
    if ((end - start) / 6 > this.#limits.maxSettingsEntries) {
      this.abuse(Outcome.h2SettingsFlood);
      return;
    }
    if (++this.#settingsCount > this.#limits.maxSettingsPerInterval) {
      this.abuse(Outcome.h2SettingsFlood);
      return;
    }
    let opened = false;
    for (let p = start; p < end; p += 6) {
      const setting = buf.readUInt16BE(p);
      const value = buf.readUInt32BE(p + 2);
      switch (setting) {
        case Setting.enablePush:
          if (value > 1) {
            this.#connectionError(ErrorCode.protocolError);
            return;
          }
          break;
        case Setting.initialWindowSize: {
          if (value > MAX_WINDOW) {
            this.#connectionError(ErrorCode.flowControlError);
            return;
          }
          const delta = value - this.peerInitialWindow;
          this.peerInitialWindow = value;
          for (const stream of this.#streams.values()) {
            stream.sendWindow += delta;
            if (stream.sendWindow > MAX_WINDOW) {
              this.#connectionError(ErrorCode.flowControlError);
              return;
            }
          }
          if (delta > 0) opened = true;
          break;
        }
        case Setting.maxFrameSize:
          if (value < DEFAULT_MAX_FRAME_SIZE || value > MAX_FRAME_SIZE_LIMIT) {
            this.#connectionError(ErrorCode.protocolError);
            return;
          }
          this.#peerMaxFrameSize = value;
          break;
        default:
        // HEADER_TABLE_SIZE: our encoder keeps no dynamic table. Others are advisory or unknown.
      }
    }
    this.#out.frameHeader(0, FrameType.settings, FrameFlag.ack, 0);
    // Held DATA the larger windows let go follows the acknowledgement.
    if (opened) this.#unblock();
    if (!this.#settingsSeen) {
      this.#settingsSeen = true;
      this.#handler.prefaceDone();
    }
  }

  #onPing(flags: number, id: number, buf: Buffer, start: number, end: number): void {
    if (id !== 0) {
      this.#connectionError(ErrorCode.protocolError);
      return;
    }
    if (end - start !== 8) {
      this.#connectionError(ErrorCode.frameSizeError);
      return;
    }
    if ((flags & FrameFlag.ack) !== 0) {
      this.#emptyFrame(); // we send no PING of our own
      return;
    }
    if (++this.#pings > this.#limits.maxPingsPerInterval) {
      this.abuse(Outcome.h2PingFlood);
      return;
    }
    this.#out.frame(FrameType.ping, FrameFlag.ack, 0, buf, start, end);
  }

  #onGoaway(): void {
    this.#peerGoaway = true;
    if (this.#streams.size === 0) this.#endSocket();
  }

  #onWindowUpdate(id: number, buf: Buffer, start: number, end: number): void {
    if (end - start !== 4) {
      this.#connectionError(ErrorCode.frameSizeError);
      return;
    }
    const increment = buf.readUInt32BE(start) & 0x7fffffff;
    if (id === 0) {
      if (increment === 0) {
        this.#connectionError(ErrorCode.protocolError);
        return;
      }
      const shut = this.#sendWindow <= 0;
      this.#sendWindow += increment;
      if (this.#sendWindow > MAX_WINDOW) {
        this.#connectionError(ErrorCode.flowControlError);
        return;
      }
      // Streams wait on the connection window only when it was used up: otherwise there is nothing
      // to walk (a flood of small updates stays O(1) each).
      if (shut) this.#unblock();
      return;
    }
    const stream = this.#streams.get(id);
    if (stream === undefined) {
      if (id > this.lastStreamId) this.#connectionError(ErrorCode.protocolError);
      else this.#emptyFrame(); // a closed stream (a race is normal; a flood is not)
      return;
    }
    if (increment === 0) {
      this.#streamError(id, ErrorCode.protocolError);
      return;
    }
    stream.sendWindow += increment;
    if (stream.sendWindow > MAX_WINDOW) {
      this.#streamError(id, ErrorCode.flowControlError);
      return;
    }
    if (stream.queue !== null) this.#drainQueue(stream);
  }

  // ---- writing ----

  /** HEADERS (+ CONTINUATION when the block is larger than the client's frame size). */
  writeHeaders(stream: H2Stream, block: Buffer, length: number, endStream: boolean): void {
    const out = this.#out;
    const max = this.#peerMaxFrameSize;
    const end = endStream ? FrameFlag.endStream : 0;
    if (length <= max) {
      out.frame(FrameType.headers, end | FrameFlag.endHeaders, stream.id, block, 0, length);
    } else {
      out.frame(FrameType.headers, end, stream.id, block, 0, max);
      let at = max;
      while (at < length) {
        const next = Math.min(length, at + max);
        out.frame(FrameType.continuation, next === length ? FrameFlag.endHeaders : 0, stream.id, block, at, next);
        at = next;
      }
    }
    this.#scheduleFlush();
  }

  /** DATA within the windows (see `H2Stream.sendData`). */
  writeData(stream: H2Stream, buf: Buffer, endStream: boolean): boolean {
    if (endStream) stream.localEnded = true;
    if (stream.queue !== null) {
      stream.queue.push(buf);
      stream.queuedBytes += buf.length;
      stream.queueEnds = endStream;
      stream.wantsWritable = true;
      return false;
    }
    const sent = this.#sendFrames(stream, buf, 0, endStream);
    this.#scheduleFlush();
    if (sent < buf.length) {
      stream.queue = [sent === 0 ? buf : buf.subarray(sent)];
      stream.queuedBytes = buf.length - sent;
      stream.queueEnds = endStream;
      stream.wantsWritable = true;
      this.#blocked.add(stream);
      return false;
    }
    if (endStream) this.localEnd(stream);
    if (!stream.streamClosed && this.#out.length + this.socket.writableLength > this.#limits.maxBufferedBytes) {
      stream.wantsWritable = true;
      this.#waiting.add(stream);
      return false;
    }
    return true;
  }

  /** Sends what the windows allow of `buf` from `from` as DATA frames; returns the offset reached. */
  #sendFrames(stream: H2Stream, buf: Buffer, from: number, endStream: boolean): number {
    const out = this.#out;
    const length = buf.length;
    if (from === length) {
      if (endStream) out.frame(FrameType.data, FrameFlag.endStream, stream.id, EMPTY, 0, 0);
      return length;
    }
    let at = from;
    while (at < length) {
      const room = Math.min(stream.sendWindow, this.#sendWindow, this.#peerMaxFrameSize);
      if (room <= 0) break;
      const next = Math.min(length, at + room);
      out.frame(FrameType.data, endStream && next === length ? FrameFlag.endStream : 0, stream.id, buf, at, next);
      stream.sendWindow -= next - at;
      this.#sendWindow -= next - at;
      at = next;
    }
    return at;
  }

  #drainQueue(stream: H2Stream): void {
    const queue = stream.queue as Buffer[];
    while (queue.length > 0) {
      const buf = queue[0] as Buffer;
      const last = queue.length === 1;
      const sent = this.#sendFrames(stream, buf, 0, last && stream.queueEnds);
      stream.queuedBytes -= sent;
      if (sent < buf.length) {
        queue[0] = buf.subarray(sent);
        this.#blocked.add(stream);
        this.#scheduleFlush();
        return;
      }
      queue.shift();
    }
    stream.queue = null;
    this.#blocked.delete(stream);
    this.#scheduleFlush();
    if (stream.queueEnds) {
      stream.queueEnds = false;
      this.localEnd(stream);
    }
    if (stream.wantsWritable && !stream.streamClosed) {
      stream.wantsWritable = false;
      stream.onWritable();
    }
  }

  /** Windows opened: held response bytes go out, oldest stream first. */
  #unblock(): void {
    for (const stream of this.#blocked) {
      if (this.#sendWindow <= 0) return;
      if (stream.sendWindow > 0) this.#drainQueue(stream);
    }
  }

  /** Our side of `stream` ended (END_STREAM sent). */
  localEnd(stream: H2Stream): void {
    if (stream.queue !== null) return; // END_STREAM is still held with the queued bytes
    if (stream.remoteEnded) this.#close(stream, true, ErrorCode.noError, false);
    else if (stream.resetWhenSent) this.resetStream(stream, ErrorCode.noError, false);
  }

  /** RST_STREAM of ours on an open stream. */
  resetStream(stream: H2Stream, code: number, _byPeer: boolean): void {
    this.#writeReset(stream.id, code);
    this.#close(stream, false, code, false);
  }

  #writeReset(id: number, code: number): void {
    this.#out.frame32(FrameType.rstStream, 0, id, code);
    this.#scheduleFlush();
  }

  /**
   * A stream error the client caused: RST_STREAM `code`. A stream whose response was not complete
   * counts as a client reset ("MadeYouReset", CVE-2025-8671: resets provoked with bad frames are rapid
   * resets too), so the same limit applies.
   */
  #streamError(id: number, code: number): void {
    const stream = this.#streams.get(id);
    if (stream === undefined) {
      // A reset for a stream we do not hold: cheap to provoke, so counted with the empty frames.
      this.#writeReset(id, code);
      this.#emptyFrame();
      return;
    }
    const unanswered = !stream.localEnded;
    this.resetStream(stream, code, false);
    if (unanswered && ++this.#resets > this.#limits.maxResetsPerInterval) this.abuse(Outcome.h2RapidReset);
  }

  #close(stream: H2Stream, completed: boolean, code: number, byPeer: boolean): void {
    if (stream.streamClosed) return;
    stream.streamClosed = true;
    stream.remoteEnded = true;
    stream.queue = null;
    // Body bytes held for a reader that will never take them: the connection's window gets them back.
    if (stream.held !== null) for (const chunk of stream.held) this.#creditConnection(chunk.length);
    stream.held = null;
    this.#streams.delete(stream.id);
    this.#blocked.delete(stream);
    this.#waiting.delete(stream);
    stream.onClose(completed, code, byPeer);
    if (this.#streams.size === 0) {
      if (this.#goawaySent || this.#peerGoaway) this.#endSocket();
      else this.#handler.idle();
    }
  }

  // ---- ending ----

  /** Graceful: GOAWAY(NO_ERROR) naming the last stream taken; those under way finish. */
  close(): void {
    if (this.#goawaySent || this.#socketClosed) return;
    this.#goaway(ErrorCode.noError);
    if (this.#streams.size === 0) this.#endSocket();
  }

  /** GOAWAY ENHANCE_YOUR_CALM for an abuse: every stream reset, input ignored, reported once. */
  abuse(outcome: OutcomeCode): void {
    this.#fail(outcome, ErrorCode.enhanceYourCalm);
  }

  #connectionError(code: number): void {
    this.#fail(Outcome.h2ProtocolError, code);
  }

  #fail(outcome: OutcomeCode, code: number): void {
    if (this.#dead) return;
    this.#dead = true;
    this.#goawaySent = false; // the error's GOAWAY replaces a graceful one
    this.#goaway(code);
    this.#handler.failed(outcome, code);
    for (const stream of [...this.#streams.values()]) this.#close(stream, false, ErrorCode.cancel, false);
    this.#endSocket();
  }

  #goaway(code: number): void {
    this.#goawaySent = true;
    const out = this.#out;
    out.reserve(FRAME_HEADER_LENGTH + 8);
    out.frameHeader(8, FrameType.goaway, 0, 0);
    const b = out.reserve(8);
    b.writeUInt32BE(this.#lastAccepted, out.pos);
    b.writeUInt32BE(code, out.pos + 4);
    out.advance(8);
    this.#flush();
  }

  #endSocket(): void {
    this.#flush();
    if (!this.#socketClosed) this.socket.end();
  }

  /** Cuts the connection now. */
  destroy(): void {
    this.#dead = true;
    this.socket.destroy();
  }

  readonly #onError = (): void => {
    this.socket.destroy();
  };

  readonly #onClose = (): void => {
    this.#socketClosed = true;
    this.#dead = true;
    if (this.#flushScheduled !== null) clearImmediate(this.#flushScheduled);
    for (const stream of [...this.#streams.values()]) this.#close(stream, false, ErrorCode.cancel, false);
    this.#handler.closed();
  };

  readonly #onDrain = (): void => {
    if (this.#readPaused && !this.#dead) {
      this.#readPaused = false;
      this.socket.resume();
    }
    if (this.#waiting.size === 0) return;
    const waiting = [...this.#waiting];
    this.#waiting.clear();
    for (const stream of waiting) {
      if (stream.streamClosed || !stream.wantsWritable || stream.queue !== null) continue;
      stream.wantsWritable = false;
      stream.onWritable();
    }
  };

  #scheduleFlush(): void {
    if (this.#inRead || this.#flushScheduled !== null) return;
    this.#flushScheduled = setImmediate(this.#flushNow);
  }

  readonly #flushNow = (): void => {
    this.#flushScheduled = null;
    this.#flush();
  };

  #flush(): void {
    if (this.#socketClosed || this.#out.length === 0) return;
    this.#out.flush(this.socket);
  }
}
