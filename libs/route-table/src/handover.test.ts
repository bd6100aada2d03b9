import { describe, expect, it } from 'vitest';
import { ackMessage, HandoverTracker, handoverMessage, isAckMessage, isHandoverMessage } from './handover.ts';
import { RouteTableWriter } from './writer.ts';

describe('HandoverTracker', () => {
  it('releases a generation once every reader has acknowledged a newer one', () => {
    const first = RouteTableWriter.create().handle;
    const released: number[] = [];
    const tracker = new HandoverTracker(first, (handle) => released.push(handle.generation));
    tracker.addReader('w1');
    tracker.addReader('w2');
    const second = RouteTableWriter.create().handle;
    const third = RouteTableWriter.create().handle;
    tracker.publish(second);
    tracker.publish(third);
    expect(tracker.retainedGenerations()).toEqual([first.generation, second.generation]);

    tracker.acknowledge('w1', third.generation);
    expect(released).toEqual([]);
    tracker.acknowledge('w2', second.generation);
    expect(released).toEqual([first.generation]);
    tracker.acknowledge('w2', third.generation);
    expect(released).toEqual([first.generation, second.generation]);
    expect(tracker.retainedGenerations()).toEqual([]);
    expect(tracker.handle).toBe(third);
  });

  it('stops waiting for a reader that went away, and ignores unknown readers', () => {
    const released: number[] = [];
    const tracker = new HandoverTracker(RouteTableWriter.create().handle, (handle) => released.push(handle.generation));
    tracker.addReader(1);
    tracker.publish(RouteTableWriter.create().handle);
    tracker.acknowledge(99, 1_000_000);
    expect(released).toHaveLength(0);
    tracker.removeReader(1);
    expect(released).toHaveLength(1);
  });

  it('recognises its own messages', () => {
    const handle = RouteTableWriter.create().handle;
    expect(isHandoverMessage(handoverMessage(handle))).toBe(true);
    expect(isAckMessage(ackMessage(3))).toBe(true);
    expect(isHandoverMessage(ackMessage(3))).toBe(false);
    expect(isAckMessage(null)).toBe(false);
    expect(structuredClone(handoverMessage(handle)).handle.hosts).toBeInstanceOf(SharedArrayBuffer);
  });
});
