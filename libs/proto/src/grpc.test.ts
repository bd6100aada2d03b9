import { describe, expect, it } from 'vitest';
import { preEncoded, routeCacheService, v1 } from './index.ts';

describe('RouteCache codecs', () => {
  const delta = {
    delta: {
      version: 2 ** 40 + 7,
      upserts: [
        {
          id: '00000000-0000-4000-8000-000000000001',
          name: 'hello',
          kind: v1.ServiceKind.SERVICE_KIND_WEB,
          plan: v1.Plan.PLAN_PAID,
          state: v1.ServiceState.SERVICE_STATE_ACTIVE,
          region: 'eu',
          hostnames: ['hello.example.com', '*.hello.example.com'],
          instances: [{ host: '10.0.0.1', port: 8080, ready: true }],
        },
      ],
      removedIds: ['00000000-0000-4000-8000-000000000002'],
      commitTimeMs: 1_790_000_000_000,
    },
  };

  it('round-trips 64-bit versions as plain numbers', () => {
    const bytes = routeCacheService.watch.responseSerialize(delta);
    const decoded = routeCacheService.watch.responseDeserialize(bytes);
    expect(decoded.event).toBe('delta');
    expect(decoded.delta?.version).toBe(2 ** 40 + 7);
    expect(decoded.delta?.commitTimeMs).toBe(1_790_000_000_000);
    expect(decoded.delta?.upserts?.[0]?.hostnames).toEqual(['hello.example.com', '*.hello.example.com']);
  });

  it('writes pre-encoded events byte for byte', () => {
    const once = preEncoded(delta);
    expect(routeCacheService.watch.responseSerialize(once)).toBe(once.bytes);
    expect(Buffer.compare(once.bytes, routeCacheService.watch.responseSerialize(delta))).toBe(0);
  });
});
