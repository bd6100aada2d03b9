import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const tools = join(repo, '.tools');

/**
 * A real Pebble (Let's Encrypt's test CA) and pebble-challtestsrv (its DNS: every test name resolves to
 * 127.0.0.1 unless told otherwise), on loopback ports, installed by scripts/install-pebble.sh. Pebble
 * validates HTTP-01 by fetching the token from `httpPort` (a router's plain port). PEBBLE_VA_NOSLEEP=1;
 * its random nonce rejections stay on (acme-client retries them); PEBBLE_VA_ALWAYS_VALID is never set.
 */
export class Pebble {
  readonly directory: string;
  /** Trust this for the directory's HTTPS (`--acme-ca`). */
  readonly caFile: string;
  readonly #dir: string;
  readonly #management: string;
  readonly #dnsManagement: string;
  readonly #processes: ChildProcess[];

  private constructor(
    dir: string,
    directory: string,
    management: string,
    dnsManagement: string,
    processes: ChildProcess[],
  ) {
    this.#dir = dir;
    this.directory = directory;
    this.caFile = join(tools, 'pebble', 'minica.pem');
    this.#management = management;
    this.#dnsManagement = dnsManagement;
    this.#processes = processes;
  }

  static async start(options: { httpPort: number; validitySeconds?: number }): Promise<Pebble> {
    execFileSync('bash', [join(repo, 'apps/certs/scripts/install-pebble.sh')], { stdio: 'inherit' });
    const dir = await mkdtemp(join(tmpdir(), 'pebble-'));
    const [listen, management, dns, dnsManagement, tlsPort] = await freePorts(5);
    const challtestsrv = spawn(
      join(tools, 'bin', 'pebble-challtestsrv'),
      [
        '-management',
        `127.0.0.1:${dnsManagement}`,
        '-dnsserver',
        `127.0.0.1:${dns}`,
        '-defaultIPv4',
        '127.0.0.1',
        '-defaultIPv6',
        '',
        '-http01',
        '',
        '-https01',
        '',
        '-tlsalpn01',
        '',
        '-doh',
        '',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const config = {
      pebble: {
        listenAddress: `127.0.0.1:${listen}`,
        managementListenAddress: `127.0.0.1:${management}`,
        certificate: join(tools, 'pebble', 'cert.pem'),
        privateKey: join(tools, 'pebble', 'key.pem'),
        httpPort: options.httpPort,
        tlsPort,
        ocspResponderURL: '',
        externalAccountBindingRequired: false,
        retryAfter: { authz: 1, order: 1 },
        keyAlgorithm: 'ecdsa',
        profiles: { default: { description: 'test', validityPeriod: options.validitySeconds ?? 7_776_000 } },
      },
    };
    const configFile = join(dir, 'pebble.json');
    await writeFile(configFile, JSON.stringify(config));
    const env: NodeJS.ProcessEnv = { ...process.env, PEBBLE_VA_NOSLEEP: '1' };
    delete env.PEBBLE_VA_ALWAYS_VALID;
    const pebble = spawn(join(tools, 'bin', 'pebble'), ['-config', configFile, '-dnsserver', `127.0.0.1:${dns}`], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log: string[] = [];
    pebble.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    pebble.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    const instance = new Pebble(
      dir,
      `https://127.0.0.1:${listen}/dir`,
      `127.0.0.1:${management}`,
      `127.0.0.1:${dnsManagement}`,
      [pebble, challtestsrv],
    );
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        await instance.#get(instance.directory);
        await fetch(`http://${instance.#dnsManagement}/`).catch(() => undefined);
        break;
      } catch (error) {
        if (Date.now() > deadline || pebble.exitCode !== null) {
          await instance.stop();
          throw new Error(`pebble did not start: ${(error as Error).message}\n${log.join('')}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return instance;
  }

  /** Pebble's current root (it makes a new one at every start): what a TLS client must trust. */
  async root(): Promise<string> {
    return this.#get(`https://${this.#management}/roots/0`);
  }

  /** DNS: `host` resolves to `address` (127.0.0.2: nothing listens there, so validation fails). */
  async mapHost(host: string, address: string): Promise<void> {
    await this.#dns('/add-a', { host: `${host}.`, addresses: [address] });
  }

  /** DNS: back to the default 127.0.0.1. */
  async unmapHost(host: string): Promise<void> {
    await this.#dns('/clear-a', { host: `${host}.` });
  }

  async stop(): Promise<void> {
    for (const child of this.#processes) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    }
    await rm(this.#dir, { recursive: true, force: true });
  }

  async #dns(path: string, body: unknown): Promise<void> {
    const res = await fetch(`http://${this.#dnsManagement}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`challtestsrv ${path}: ${res.status}`);
  }

  async #get(url: string): Promise<string> {
    const ca = await readFile(this.caFile);
    return new Promise((resolveBody, reject) => {
      const req = request(
        url,
        { agent: new Agent({ ca }), headers: { 'user-agent': 'switchyard-certs-test' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            res.statusCode === 200
              ? resolveBody(Buffer.concat(chunks).toString())
              : reject(new Error(`${url}: ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
  }
}

/** `n` distinct free loopback ports (TCP; the DNS port is used for UDP and TCP alike). */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, async () => {
      const server = createServer();
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      return server;
    }),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}
