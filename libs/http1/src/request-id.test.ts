import { describe, expect, it } from 'vitest';
import { isValidRequestId, RequestIds } from './request-id.ts';

describe('RequestIds', () => {
  it('yields distinct ids with the thread prefix', () => {
    const ids = new RequestIds('p-');
    const seen = new Set(Array.from({ length: 1000 }, () => ids.next()));
    expect(seen.size).toBe(1000);
    for (const id of seen) expect(id).toMatch(/^p-[0-9a-z]+$/);
  });

  it('uses a random prefix by default, so two threads do not collide', () => {
    expect(new RequestIds().next()).not.toBe(new RequestIds().next());
  });
});

describe('isValidRequestId', () => {
  it('accepts common id shapes', () => {
    for (const id of [
      'abc',
      'f47ac10b-58cc-4372-a567-0e02b2c3d479',
      'Root=1-5759e988-bd862e3fe1be46a994272793',
      'a.b_c:d',
    ]) {
      expect(isValidRequestId(id)).toBe(true);
    }
  });

  it('refuses empty, overlong and odd ids', () => {
    for (const id of ['', 'a'.repeat(129), 'has space', 'quote"', 'semi;colon', 'é']) {
      expect(isValidRequestId(id)).toBe(false);
    }
  });
});
