import { readFile } from 'node:fs/promises';
import { ConfigError, flag } from './flags.ts';

/**
 * How a client of the caches (router, activator) reaches them when they require a token or TLS: the
 * same flags, variables and file checks for both, so one deployment setting serves every client.
 */
/**
 * A Watch stream with no event (deltas or heartbeats) for this long is dead: the client moves to
 * another cache. Three heartbeats of the caches' default 1 s interval, so a cut cable or a frozen
 * cache is noticed in seconds, not after TCP gives up.
 */
export const CACHE_STALL_TIMEOUT_MS = 3_000;

/**
 * The region every component uses when none is given: caches, routers, activators, `switchyard dev`
 * and the seed data. A router or activator whose region differs from its caches' is refused by them
 * (and says so: error log, /readyz, `switchyard status`).
 */
export const DEFAULT_REGION = 'local';

export const cacheClientFlags = {
  'cache-token-file': flag.string({ env: 'SWITCHYARD_CACHE_TOKEN_FILE' }),
  'cache-tls-ca': flag.string({ env: 'SWITCHYARD_CACHE_TLS_CA' }),
  'cache-stall-timeout': flag.duration({ env: 'SWITCHYARD_CACHE_STALL_TIMEOUT', default: CACHE_STALL_TIMEOUT_MS }),
};

/** The lines of `--help` for cacheClientFlags, aligned like the apps' own. */
export const cacheClientHelp = `  --cache-token-file FILE     bearer token the caches require [SWITCHYARD_CACHE_TOKEN_FILE]
  --cache-tls-ca FILE         PEM certificate(s) to verify TLS caches with; TLS is used when given [SWITCHYARD_CACHE_TLS_CA]
  --cache-stall-timeout DURATION  no event from the cache for this long: switch caches; keep it above the
                              caches' --heartbeat-interval [SWITCHYARD_CACHE_STALL_TIMEOUT] (default 3s)`;

export interface CacheClientFiles {
  /** File holding the bearer token the caches require. */
  cacheTokenFile?: string | undefined;
  /** PEM root certificate(s) the caches' TLS certificates are verified with. */
  cacheTlsCa?: string | undefined;
}

export interface CacheClientSecrets {
  token?: string;
  tlsCa?: Buffer;
}

/** Reads the files named; an unreadable or empty file is a ConfigError naming the flag. */
export async function readCacheClientSecrets(files: CacheClientFiles): Promise<CacheClientSecrets> {
  const read = async (path: string, name: string): Promise<Buffer> => {
    let content: Buffer;
    try {
      content = await readFile(path);
    } catch (error) {
      throw new ConfigError(`cannot read ${name} "${path}": ${(error as Error).message}`);
    }
    if (content.toString('utf8').trim() === '') throw new ConfigError(`${name} "${path}" is empty`);
    return content;
  };
  const secrets: CacheClientSecrets = {};
  if (files.cacheTokenFile !== undefined) {
    secrets.token = (await read(files.cacheTokenFile, '--cache-token-file')).toString('utf8').trim();
  }
  if (files.cacheTlsCa !== undefined) secrets.tlsCa = await read(files.cacheTlsCa, '--cache-tls-ca');
  return secrets;
}
