import { describe, expect, it } from 'vitest';
import { isNotModified, parseRange } from './http.ts';

const meta = { size: 100, etag: '"abc"', lastModified: new Date('2026-01-02T03:04:05Z') };

describe('conditional requests', () => {
  it.each([
    ['"abc"', undefined, true],
    ['W/"abc"', undefined, true],
    ['"x", "abc"', undefined, true],
    ['*', undefined, true],
    ['"x"', undefined, false],
    ['"x"', 'Fri, 02 Jan 2026 03:04:05 GMT', false],
    [undefined, 'Fri, 02 Jan 2026 03:04:05 GMT', true],
    [undefined, 'Fri, 02 Jan 2026 03:04:04 GMT', false],
    [undefined, 'garbage', false],
  ])('If-None-Match %s, If-Modified-Since %s → %s', (inm, ims, expected) => {
    expect(isNotModified(inm, ims, meta)).toBe(expected);
  });
});

describe('ranges', () => {
  it.each([
    ['bytes=0-9', undefined, { kind: 'partial', start: 0, end: 9 }],
    ['bytes=90-', undefined, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-10', undefined, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-1000', undefined, { kind: 'partial', start: 0, end: 99 }],
    ['bytes=50-1000', undefined, { kind: 'partial', start: 50, end: 99 }],
    ['bytes=100-', undefined, { kind: 'unsatisfiable' }],
    ['bytes=-0', undefined, { kind: 'unsatisfiable' }],
    ['bytes=0-1,5-6', undefined, { kind: 'full' }],
    ['bytes=9-1', undefined, { kind: 'full' }],
    ['items=0-1', undefined, { kind: 'full' }],
    ['bytes=0-9', '"abc"', { kind: 'partial', start: 0, end: 9 }],
    ['bytes=0-9', '"old"', { kind: 'full' }],
    ['bytes=0-9', 'W/"abc"', { kind: 'full' }],
    ['bytes=0-9', 'Fri, 02 Jan 2026 03:04:05 GMT', { kind: 'partial', start: 0, end: 9 }],
  ])('%s (If-Range %s)', (range, ifRange, expected) => {
    expect(parseRange(range, ifRange, meta)).toEqual(expected);
  });
});
