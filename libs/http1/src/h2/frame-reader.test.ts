import { describe, expect, it } from 'vitest';
import { PREFACE } from './frame.ts';
import { FrameReader, type FrameSink } from './frame-reader.ts';

function frame(type: number, id: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(9);
  head.writeUIntBE(payload.length, 0, 3);
  head[3] = type;
  head.writeUInt32BE(id, 5);
  return Buffer.concat([head, payload]);
}

class Collect implements FrameSink {
  frames: string[] = [];
  tooLarge = 0;
  bad = 0;
  stopped = false;
  frame(buf: Buffer, at: number, length: number): void {
    this.frames.push(`${buf[at + 3]}:${buf.readUInt32BE(at + 5)}:${buf.toString('latin1', at + 9, at + 9 + length)}`);
  }
  frameTooLarge(): void {
    this.tooLarge++;
    this.stopped = true;
  }
  badPreface(): void {
    this.bad++;
  }
}

const input = Buffer.concat([
  PREFACE,
  frame(4, 0, Buffer.alloc(0)),
  frame(0, 1, Buffer.from('hello')),
  frame(0, 3, Buffer.from('x'.repeat(300))),
  frame(6, 0, Buffer.from('12345678')),
]);
const expected = ['4:0:', '0:1:hello', `0:3:${'x'.repeat(300)}`, '6:0:12345678'];

describe('FrameReader', () => {
  it('reads frames however the input is cut: at every split point, and a byte at a time', () => {
    for (let cut = 0; cut <= input.length; cut++) {
      const sink = new Collect();
      const reader = new FrameReader(sink);
      reader.push(input.subarray(0, cut));
      reader.push(input.subarray(cut));
      expect(sink.frames, `cut at ${cut}`).toEqual(expected);
    }
    const sink = new Collect();
    const reader = new FrameReader(sink);
    for (let i = 0; i < input.length; i++) reader.push(input.subarray(i, i + 1));
    expect(sink.frames).toEqual(expected);
  });

  it('refuses a frame header over 16,384 before its payload, whole or split', () => {
    const big = Buffer.concat([PREFACE, Buffer.from([0, 0x40, 0x01, 0, 0, 0, 0, 0, 1])]);
    for (const cut of [big.length, PREFACE.length + 2, PREFACE.length + 9]) {
      const sink = new Collect();
      const reader = new FrameReader(sink);
      reader.push(big.subarray(0, cut));
      reader.push(big.subarray(cut));
      expect(sink.tooLarge, `cut at ${cut}`).toBe(1);
    }
  });

  it('refuses a connection that does not start with the preface', () => {
    const sink = new Collect();
    new FrameReader(sink).push(Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    expect(sink.bad).toBe(1);
    expect(sink.frames).toEqual([]);
  });
});
