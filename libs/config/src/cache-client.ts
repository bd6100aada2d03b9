import { readFile } from 'node:fs/promises';
import { ConfigError, flag } from './flags.ts';

/**
 * How a client of the caches (router, activator) reaches them when they require a token or TLS: the
 * same flags, variables and file checks for both, so one deployment setting serves every client.
 */
export const cacheClientFlags = {
  'cache-token-file': flag.string({ env: 'SWITCHYARD_CACHE_TOKEN_FILE' }),
  'cache-tls-ca': flag.string({ env: 'SWITCHYARD_CACHE_TLS_CA' }),
};

/** The lines of `--help` for cacheClientFlags, aligned like the apps' own. */
export const cacheClientHelp = `  --cache-token-file FILE     bearer token the caches require [SWITCHYARD_CACHE_TOKEN_FILE]
  --cache-tls-ca FILE         PEM certificate(s) to verify TLS caches with; TLS is used when given [SWITCHYARD_CACHE_TLS_CA]`;

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
