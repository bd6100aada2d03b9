import { request } from 'node:http';
import { formatAddress } from '@switchyard/config';
import { WakeFailedError, WakeTimeoutError } from '../errors.ts';

export interface ReadinessProbe {
  host: string;
  port: number;
  /** Path probed with GET. Any HTTP answer but 503 means ready. */
  path: string;
  /** Aborts the wait: a WakeTimeoutError. */
  signal: AbortSignal;
  /** Resolves with a reason if the instance died meanwhile: a WakeFailedError. */
  gone?: Promise<string>;
}

// A refused connection costs next to nothing, and every ms between the instance listening and the
// probe noticing is added to the cold start: probe every 20 ms for the first 10 s, then every 100 ms.
const FAST_RETRY_MS = 20;
const FAST_PERIOD_MS = 10_000;
const SLOW_RETRY_MS = 100;
const PROBE_TIMEOUT_MS = 2_000;

/**
 * Probes the instance until it answers over HTTP (connection refused while it starts is expected).
 * Resolves once it answered with anything but 503 ("not ready yet").
 */
export async function waitUntilReady(probe: ReadinessProbe): Promise<void> {
  let goneReason: string | undefined;
  const died = new AbortController();
  void probe.gone?.then((reason) => {
    goneReason = reason;
    died.abort();
  });
  const wait = AbortSignal.any([probe.signal, died.signal]);
  const started = performance.now();
  for (;;) {
    if (goneReason !== undefined) throw new WakeFailedError(goneReason);
    if (probe.signal.aborted) throw abortError(probe.signal);
    const status = await probeOnce(probe);
    if (goneReason !== undefined) throw new WakeFailedError(goneReason);
    if (status !== undefined && status !== 503) return;
    await pause(performance.now() - started < FAST_PERIOD_MS ? FAST_RETRY_MS : SLOW_RETRY_MS, wait);
  }
}

/** The abort reason when it is one of ours, else a WakeTimeoutError. */
export function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error && 'code' in signal.reason
    ? signal.reason
    : new WakeTimeoutError('the wake was abandoned');
}

/** The probe's status code, or undefined when nothing answered. */
function probeOnce(probe: ReadinessProbe): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: probe.host,
        port: probe.port,
        path: probe.path,
        method: 'GET',
        agent: false,
        timeout: PROBE_TIMEOUT_MS,
        headers: { host: formatAddress(probe.host, probe.port), 'user-agent': 'switchyard-activator-probe' },
        signal: probe.signal,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode);
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

/** Waits `ms`, less if the signal aborts (the caller then reports why). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
