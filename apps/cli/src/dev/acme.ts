import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Automatic certificates in `switchyard dev`: a local Pebble (Let's Encrypt's test CA) and its DNS
 * (pebble-challtestsrv: every name resolves to 127.0.0.1), when `apps/certs/scripts/install-pebble.sh`
 * has installed them into `.tools/`; otherwise dev runs without the certificate manager and says so.
 */
export interface DevPebble {
  pebble: string;
  challtestsrv: string;
  /** Pebble's HTTPS certificate and key, and the CA that signed them (the manager's --acme-ca). */
  cert: string;
  key: string;
  ca: string;
}

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

export function findDevPebble(): DevPebble | undefined {
  const tools = join(REPO, '.tools');
  const found: DevPebble = {
    pebble: join(tools, 'bin', 'pebble'),
    challtestsrv: join(tools, 'bin', 'pebble-challtestsrv'),
    cert: join(tools, 'pebble', 'cert.pem'),
    key: join(tools, 'pebble', 'key.pem'),
    ca: join(tools, 'pebble', 'minica.pem'),
  };
  return Object.values(found).every((path) => existsSync(path)) ? found : undefined;
}

/** The secrets certificates need (cache token, platform key), made once in `<dataDir>/certs`. */
export function ensureDevSecrets(dataDir: string): { dir: string; tokenFile: string; platformKeyFile: string } {
  const dir = join(dataDir, 'certs');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tokenFile = join(dir, 'cache-token');
  const platformKeyFile = join(dir, 'platform.key');
  if (!existsSync(tokenFile)) writeFileSync(tokenFile, randomBytes(24).toString('hex'), { mode: 0o600 });
  if (!existsSync(platformKeyFile)) writeFileSync(platformKeyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  return { dir, tokenFile, platformKeyFile };
}

/** Pebble's config: its ACME directory on `listen`, HTTP-01 validation against the router's plain port. */
export function writePebbleConfig(
  dir: string,
  pebble: DevPebble,
  ports: { listen: number; management: number; httpPort: number; tlsPort: number },
): string {
  const file = join(dir, 'pebble.json');
  const config = {
    pebble: {
      listenAddress: `127.0.0.1:${ports.listen}`,
      managementListenAddress: `127.0.0.1:${ports.management}`,
      certificate: pebble.cert,
      privateKey: pebble.key,
      httpPort: ports.httpPort,
      tlsPort: ports.tlsPort,
      ocspResponderURL: '',
      externalAccountBindingRequired: false,
    },
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** Polls Pebble's root until it answers (Pebble makes a new one at every start) and writes it to `file`. */
export async function savePebbleRoot(
  managementPort: number,
  ca: string,
  file: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const caPem = readFileSync(ca);
  for (;;) {
    try {
      const pem = await new Promise<string>((resolve, reject) => {
        const req = request(
          `https://127.0.0.1:${managementPort}/roots/0`,
          { ca: caPem, headers: { 'user-agent': 'switchyard-dev' } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              res.statusCode === 200
                ? resolve(Buffer.concat(chunks).toString())
                : reject(new Error(`${res.statusCode}`)),
            );
          },
        );
        req.on('error', reject);
        req.end();
      });
      writeFileSync(file, pem);
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`Pebble did not answer within ${timeoutMs} ms: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** `n` free loopback ports (Pebble's and its DNS's; they are not part of dev's fixed port plan). */
export async function freeLoopbackPorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}
