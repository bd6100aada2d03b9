import { afterAll, describe, expect, it } from 'vitest';
import { cpuSeconds, killAllStarted, peakRssBytes, processTree, sleep, spawnPinned } from './processes.ts';

afterAll(() => killAllStarted());

describe('/proc readings', () => {
  it('counts the CPU time a process burns', () => {
    // Burn until /proc shows 50 ms more (at most 10 s of wall time on a busy machine).
    const before = cpuSeconds([process.pid]);
    const giveUp = performance.now() + 10_000;
    let x = 0;
    while (cpuSeconds([process.pid]) - before < 0.05 && performance.now() < giveUp) {
      for (let i = 0; i < 100_000; i++) x += Math.sqrt(x + i);
    }
    expect(x).toBeGreaterThan(0);
    expect(cpuSeconds([process.pid]) - before).toBeGreaterThanOrEqual(0.05);
  });

  it('reads the peak resident set size', () => {
    expect(peakRssBytes([process.pid])).toBeGreaterThan(10 * 2 ** 20);
  });

  it('finds a child and its grandchild, and stops them', async () => {
    // sh stays the parent of a sleeping grandchild.
    const proc = spawnPinned(undefined, ['sh', '-c', 'sleep 30 & wait']);
    let tree: number[] = [];
    for (let i = 0; i < 100 && tree.length < 2; i++) {
      await sleep(20);
      tree = proc.pids();
    }
    expect(tree[0]).toBe(proc.pid);
    expect(tree.length).toBe(2);
    expect(processTree(proc.pid)).toEqual(tree);
    const grandchild = tree[1] as number;
    await proc.stop('SIGKILL');
    process.kill(grandchild, 'SIGKILL');
    expect(proc.child.signalCode).toBe('SIGKILL');
  });
});
