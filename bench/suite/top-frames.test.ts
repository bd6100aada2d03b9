import { describe, expect, it } from 'vitest';
import { area, topFrames } from './top-frames.ts';

describe('area', () => {
  it('names a package, a workspace package, node internals or V8', () => {
    expect(area('file:///w/node_modules/undici/lib/dispatcher/client.js')).toBe('undici');
    expect(area('file:///w/node_modules/@grpc/grpc-js/build/src/call.js')).toBe('@grpc/grpc-js');
    expect(area('file:///w/apps/router/dist/serve/forward.js')).toBe('apps/router');
    expect(area('node:internal/streams/readable')).toBe('node:internal');
    expect(area('')).toBe('(v8 / native)');
  });
});

describe('topFrames', () => {
  it('shares self time among busy samples, idle apart', () => {
    const frame = (id: number, functionName: string, url: string) => ({
      id,
      callFrame: { functionName, url, lineNumber: 9 },
    });
    const result = topFrames({
      nodes: [
        frame(1, '(idle)', ''),
        frame(2, 'forward', 'file:///w/apps/router/src/forward.ts'),
        frame(3, 'writev', ''),
      ],
      startTime: 0,
      endTime: 2_000_000,
      samples: [1, 1, 2, 2, 2, 3],
    });
    expect(result.samples).toBe(6);
    expect(result.idleShare).toBeCloseTo(2 / 6);
    expect(result.seconds).toBe(2);
    expect(result.functions[0]).toEqual({ name: 'forward  apps/router/src/forward.ts:10', share: 0.75 });
    expect(result.areas).toEqual([
      { name: 'apps/router', share: 0.75 },
      { name: '(v8 / native)', share: 0.25 },
    ]);
  });
});
