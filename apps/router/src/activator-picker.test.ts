import type { Target } from '@switchyard/http1';
import { describe, expect, it } from 'vitest';
import { ActivatorPicker } from './activator-picker.ts';

const A: Target = { host: '10.0.0.1', port: 8180 };
const B: Target = { host: '10.0.0.2', port: 8180 };
const C: Target = { host: '10.0.0.3', port: 8180 };
const ids = Array.from({ length: 3000 }, (_, i) => `0190a1b2-0000-7000-8000-${i.toString().padStart(12, '0')}`);

describe('ActivatorPicker (rendezvous hashing)', () => {
  it('gives every service one owner, the same on every router, spread evenly', () => {
    const one = new ActivatorPicker([A, B, C], 10_000);
    const other = new ActivatorPicker([{ ...A }, { ...B }, { ...C }], 10_000);
    const owners = new Map<Target, number>();
    for (const id of ids) {
      const owner = one.pick(id) as Target;
      expect(other.pick(id)).toEqual(owner);
      owners.set(owner, (owners.get(owner) ?? 0) + 1);
    }
    for (const t of [A, B, C]) expect(owners.get(t)).toBeGreaterThan(800);
  });

  it('moves only the services of an activator that leaves the list', () => {
    const three = new ActivatorPicker([A, B, C], 10_000);
    const two = new ActivatorPicker([A, C], 10_000);
    for (const id of ids) {
      const before = three.pick(id);
      if (before !== B) expect(two.pick(id)).toBe(before);
      else expect(two.pick(id)).toBe(three.order(id)[1]);
    }
  });

  it('fails over to the next in the service’s own order while the owner is down, each tried once', () => {
    const picker = new ActivatorPicker([A, B, C], 60_000);
    const id = ids[0] as string;
    const [first, second, third] = picker.order(id) as [Target, Target, Target];
    expect(picker.pick(id)).toBe(first);
    const retry = picker.retry(id);
    expect(retry(first, new Error('reset'))).toBe(second);
    expect(picker.pick(id)).toBe(second); // later requests skip the failed one for the cooldown
    expect(retry(second, new Error('reset'))).toBe(third);
    expect(retry(third, new Error('reset'))).toBeUndefined();
    // All in cooldown: the owner is tried anyway.
    expect(picker.pick(id)).toBe(first);
  });

  it('takes a service back once its owner’s cooldown is over', () => {
    const picker = new ActivatorPicker([A, B, C], 0);
    const id = ids[1] as string;
    const owner = picker.pick(id) as Target;
    picker.markDown(owner);
    expect(picker.pick(id)).toBe(owner);
  });
});
