import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseRouterConfig } from './config.ts';
import { RouterConfigError } from './errors.ts';

describe('--ingest-threads', () => {
  it('defaults to min(2, available parallelism)', () => {
    expect(parseRouterConfig(['--caches', 'a:1'], {}).ingestThreads).toBe(Math.min(2, availableParallelism()));
  });

  it('accepts 0 (the main thread) and a count, from a flag or the environment', () => {
    expect(parseRouterConfig(['--caches', 'a:1', '--ingest-threads', '0'], {}).ingestThreads).toBe(0);
    expect(parseRouterConfig(['--caches', 'a:1'], { SWITCHYARD_ROUTER_INGEST_THREADS: '3' }).ingestThreads).toBe(3);
  });

  it('rejects anything else', () => {
    for (const bad of ['-1', '1.5', 'two', '']) {
      expect(() => parseRouterConfig(['--caches', 'a:1', '--ingest-threads', bad], {})).toThrow(RouterConfigError);
    }
  });
});
