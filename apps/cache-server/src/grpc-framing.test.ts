import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { cacheServiceDefinition, heartbeatEvent, snapshotEvents } from './encoding.ts';
import { FRAME_HEADER_BYTES, installFramedPassThrough, isFramed, messageOf } from './grpc-framing.ts';
import { stamp } from './stored-record.ts';

const { BaseServerInterceptingCall } = createRequire(import.meta.url)(
  '@grpc/grpc-js/build/src/server-interceptors.js',
) as { BaseServerInterceptingCall: { prototype: { serializeMessage(this: unknown, value: unknown): Buffer } } };

/** grpc-js's own framing of a message, as a call serializes it (handler.serialize, then the 5-byte prefix). */
function grpcFrame(value: unknown): Buffer {
  const call = { handler: { serialize: cacheServiceDefinition.watch.responseSerialize } };
  return BaseServerInterceptingCall.prototype.serializeMessage.call(call, value);
}

describe('gRPC frames made once', () => {
  const records = Array.from({ length: 3_000 }, (_, i) => stamp(`record-${i}`.padEnd(120, 'x'), i + 1, 1000 + i));
  const events = [...snapshotEvents(99, records), heartbeatEvent(99, 5)];

  it('frames every event with the prefix grpc-js would write, around the same message bytes', () => {
    for (const event of events) {
      expect(isFramed(event.frame)).toBe(true);
      expect(event.frame.buffer).toBe(event.bytes.buffer); // one allocation: the message is a view into the frame
      expect(messageOf(event.frame).equals(event.bytes)).toBe(true);
      expect(event.frame[0]).toBe(0);
      expect(event.frame.readUInt32BE(1)).toBe(event.bytes.length);
      expect(event.frame.length).toBe(event.bytes.length + FRAME_HEADER_BYTES);
    }
  });

  it('is sent as it is once the pass-through is in place; without it, grpc-js frames the message inside', () => {
    const event = events[1] as (typeof events)[number];
    // Without the pass-through, grpc-js frames what responseSerialize gives it: the message inside.
    const inside = cacheServiceDefinition.watch.responseSerialize(event.frame);
    expect(inside.equals(event.bytes)).toBe(true);

    expect(installFramedPassThrough()).toBe(true);
    expect(installFramedPassThrough()).toBe(true); // idempotent
    expect(grpcFrame(event.frame)).toBe(event.frame);
    // Anything else is still serialized and framed by grpc-js.
    const plain = grpcFrame({ heartbeat: { version: 3 } });
    expect(plain.readUInt32BE(1)).toBe(plain.length - FRAME_HEADER_BYTES);
    expect(grpcFrame(event.bytes).equals(event.frame)).toBe(true);
  });
});
