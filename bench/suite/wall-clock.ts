/**
 * Wall-clock milliseconds with sub-millisecond resolution: comparable between threads (each has its
 * own `performance.now()` origin) and with PostgreSQL's `clock_timestamp()` on the same machine.
 */
export function wallMs(): number {
  return performance.timeOrigin + performance.now();
}
