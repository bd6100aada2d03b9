/** `HOST:PORT` (IPv6 as `[::1]:PORT`) split into its parts; port 0 means "any free port". */
export interface ListenAddress {
  host: string;
  port: number;
}

export class InvalidListenAddressError extends Error {
  override readonly name = 'InvalidListenAddressError';
  readonly code = 'INVALID_LISTEN_ADDRESS';
}

export function parseListenAddress(value: string, what = 'address'): ListenAddress {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]*)):(\d+)$/.exec(value.trim());
  const host = match?.[1] ?? match?.[2];
  if (!match || !host) throw new InvalidListenAddressError(`${what} must be HOST:PORT, got "${value}"`);
  const port = Number(match[3]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidListenAddressError(`${what} port must be 0-65535, got "${match[3]}"`);
  }
  return { host, port };
}

export function formatListenAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
