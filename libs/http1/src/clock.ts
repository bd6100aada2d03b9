/**
 * The `Date` header value (RFC 9110 §6.6.1), formatted at most once per second for all responses
 * of this thread.
 */
let cachedSecond = -1;
let cachedValue = '';

export function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedValue = new Date(now).toUTCString();
  }
  return cachedValue;
}
