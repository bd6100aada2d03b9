import { ConfigError, parseAddress } from '@switchyard/config';
import { UsageError } from './errors.ts';

/** A component's admin server did not answer (refused, timed out, reset). */
export class AdminUnreachableError extends Error {
  override readonly name = 'AdminUnreachableError';
  readonly code = 'ADMIN_UNREACHABLE';
}

/** An admin server answered, but not with what was asked for. */
export class AdminResponseError extends Error {
  override readonly name = 'AdminResponseError';
  readonly code = 'ADMIN_RESPONSE';
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

export const ADMIN_TIMEOUT_MS = 3_000;

/** `HOST:PORT` checked once, so a typo is a usage error rather than a failed fetch. */
export function checkAdminAddress(address: string, flagName: string, usage: string): string {
  try {
    parseAddress(address, flagName);
    return address.trim();
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message, usage);
    throw error;
  }
}

/** GET `path` on an admin server; any status is returned, only a failed connection throws. */
export async function fetchAdmin(
  address: string,
  path: string,
  timeoutMs = ADMIN_TIMEOUT_MS,
): Promise<{ status: number; body: string }> {
  const url = `http://${address}${path}`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, body: await res.text() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new AdminUnreachableError(`${address} did not answer ${path}: ${why}`);
  }
}

/** GET `path` and parse its JSON body; a non-200 answer is an AdminResponseError. */
export async function fetchAdminJson<T>(address: string, path: string, timeoutMs = ADMIN_TIMEOUT_MS): Promise<T> {
  const { status, body } = await fetchAdmin(address, path, timeoutMs);
  if (status !== 200) throw new AdminResponseError(`${address}${path} answered ${status}: ${body.trim()}`, status);
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new AdminResponseError(`${address}${path} answered with something that is not JSON`, status);
  }
}
