import { randomBytes } from 'node:crypto';
import { threadId } from 'node:worker_threads';

/**
 * Request ids: a random per-thread prefix and a counter. Unique enough to correlate logs
 * across routers and upstreams, and costs one short string per request.
 */
export class RequestIds {
  readonly #prefix: string;
  #counter = 0;

  constructor(prefix = `${randomBytes(5).toString('hex')}-${threadId.toString(36)}-`) {
    this.#prefix = prefix;
  }

  next(): string {
    this.#counter++;
    return this.#prefix + this.#counter.toString(36);
  }
}

/** An incoming id we are willing to pass on: 1–128 of `[A-Za-z0-9._:@/+=-]`. */
export function isValidRequestId(id: string): boolean {
  if (id.length === 0 || id.length > 128) return false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    const ok =
      (c >= 0x30 && c <= 0x39) || // 0-9
      (c >= 0x41 && c <= 0x5a) || // A-Z
      (c >= 0x61 && c <= 0x7a) || // a-z
      c === 0x2d || // -
      c === 0x2e || // .
      c === 0x5f || // _
      c === 0x3a || // :
      c === 0x40 || // @
      c === 0x2f || // /
      c === 0x2b || // +
      c === 0x3d; // =
    if (!ok) return false;
  }
  return true;
}
