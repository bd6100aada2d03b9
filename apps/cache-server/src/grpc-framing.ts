import { createRequire } from 'node:module';

/**
 * Messages framed for gRPC once, written to every stream as they are.
 *
 * grpc-js frames each message it sends (`BaseServerInterceptingCall#serializeMessage`): a fresh
 * `Buffer.allocUnsafe(length + 5)` for the 5-byte prefix (compressed flag, length) and a copy of the
 * serialized message behind it — per message, per stream. A snapshot of 1 M services to 16 streams at
 * once was 2.9 GB of such copies (and V8 collections for the external memory they made), the part of
 * the per-stream cost that did not share. The cache encodes each shared message once anyway, so it
 * frames it once too (`framedMessage`): the frame carries the prefix, and grpc-js is let to write a
 * frame it is handed as it is (`installFramedPassThrough`, a wrapper around that one method). Without
 * the wrapper (another grpc-js), a frame still goes out correctly: the service's `responseSerialize`
 * hands grpc-js the message behind the prefix, and grpc-js frames that copy as before.
 */

/** Compressed flag (1 byte) and big-endian message length (4 bytes). */
export const FRAME_HEADER_BYTES = 5;

const frames = new WeakSet<Uint8Array>();

/** A buffer for a message of `length` bytes behind its gRPC frame header (uncompressed); fill from offset 5. */
export function framedMessage(length: number): Buffer {
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + length);
  frame[0] = 0;
  frame.writeUInt32BE(length, 1);
  frames.add(frame);
  return frame;
}

/** True for a buffer made by `framedMessage`. */
export function isFramed(value: unknown): value is Buffer {
  return typeof value === 'object' && value !== null && frames.has(value as Uint8Array);
}

/** The message inside a frame (a view, no copy). */
export function messageOf(frame: Buffer): Buffer {
  return frame.subarray(FRAME_HEADER_BYTES);
}

type SerializeMessage = (this: unknown, value: unknown) => Buffer;
let installed: boolean | undefined;

/**
 * Lets grpc-js's server calls send a frame made by `framedMessage` without copying it. Returns whether
 * the pass-through is in place (false when this grpc-js has no `serializeMessage` to wrap: frames are
 * then copied as every message is). Idempotent.
 */
export function installFramedPassThrough(): boolean {
  if (installed !== undefined) return installed;
  installed = false;
  try {
    const require = createRequire(import.meta.url);
    const { BaseServerInterceptingCall } = require('@grpc/grpc-js/build/src/server-interceptors.js') as {
      BaseServerInterceptingCall?: { prototype: { serializeMessage?: SerializeMessage } };
    };
    const prototype = BaseServerInterceptingCall?.prototype;
    const original = prototype?.serializeMessage;
    if (prototype === undefined || typeof original !== 'function') return false;
    prototype.serializeMessage = function serializeMessage(value: unknown): Buffer {
      return isFramed(value) ? value : original.call(this, value);
    };
    installed = true;
  } catch {
    installed = false;
  }
  return installed;
}
