import { createHash, timingSafeEqual } from 'node:crypto';
import type { Metadata } from '@grpc/grpc-js';

/** Checks `authorization: Bearer <token>` in constant time (digests make the lengths equal). */
export class BearerAuth {
  readonly #expected: Buffer;

  constructor(token: string) {
    this.#expected = digest(`Bearer ${token}`);
  }

  allows(metadata: Metadata): boolean {
    const values = metadata.get('authorization');
    const presented = typeof values[0] === 'string' ? values[0] : '';
    return timingSafeEqual(digest(presented), this.#expected);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
