import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { connect } from 'node:tls';
import { promisify } from 'node:util';
import { getAcmeStatus } from '@switchyard/service-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pebble } from './support/pebble.ts';
import { CertsStack, until } from './support/stack.ts';

const repo = resolve(import.meta.dirname, '../../..');
const stack = new CertsStack();
let pebble: Pebble;
let root: string;

/** `switchyard ARGS…` from the CLI's sources, on this Node (24), against the test database. */
async function cli(...args: string[]): Promise<string> {
  const main = join(repo, 'apps/cli/src/main.ts');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--conditions=source',
      '--input-type=module',
      '-e',
      `const { run } = await import(${JSON.stringify(main)}); process.exitCode = await run(${JSON.stringify(args)});`,
    ],
    { env: { ...process.env, SWITCHYARD_DATABASE_URL: stack.database.url } },
  );
  return stdout.trim();
}

/** The leaf a router presents for `name` over TLS, verified against Pebble's root. */
async function handshake(port: number, name: string): Promise<{ serial: string; authorized: boolean }> {
  const socket = connect({ port, host: '127.0.0.1', servername: name, ca: root });
  await once(socket, 'secureConnect');
  const result = { serial: socket.getPeerCertificate().serialNumber, authorized: socket.authorized };
  socket.destroy();
  return result;
}

/** GET over plain HTTP with a Host header of our choosing (fetch would not send one). */
function get(port: number, host: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function stateOf(hostname: string) {
  return getAcmeStatus(stack.pool, hostname);
}

async function ordersOf(hostname: string): Promise<number> {
  const { rows } = await stack.pool.query<{ n: string }>(
    'SELECT count(*)::text AS n FROM acme_order_log WHERE hostname = $1',
    [hostname],
  );
  return Number(rows[0]?.n);
}

beforeAll(async () => {
  await stack.start();
  await stack.writePlatformKey();
  // Pebble validates against the second router, which follows the second cache.
  pebble = await Pebble.start({ httpPort: stack.httpPort(1) });
  root = await pebble.root();
});
afterAll(async () => {
  await stack.stop();
  await pebble?.stop();
});

describe('the certificate manager against Pebble', () => {
  it('gives a hostname added with the CLI a certificate that both routers serve, trusted through Pebble', async () => {
    await stack.startManager(pebble, {}, 'manager-a');
    await cli('hostname', 'add', stack.serviceId, 'shop.example.org');
    const status = await until(async () => {
      const s = await stateOf('shop.example.org');
      return s.state === 'valid' && s;
    }, 'shop.example.org to be valid');
    expect(status.notAfter).not.toBeNull();
    // Stored with source acme, and served by both routers (each following its own cache).
    const stored = await stack.pool.query('SELECT source, names FROM certificates WHERE id = $1', [
      status.certificateId,
    ]);
    expect(stored.rows[0]).toEqual({ source: 'acme', names: ['shop.example.org'] });
    for (const port of [stack.tlsPort(0), stack.tlsPort(1)]) {
      const seen = await until(
        () => handshake(port, 'shop.example.org').catch(() => undefined),
        `a trusted handshake on ${port}`,
      );
      expect(seen.authorized).toBe(true);
    }
    expect(await cli('cert', 'status', 'shop.example.org')).toMatch(/^shop\.example\.org {2}valid until /);
    expect(await ordersOf('shop.example.org')).toBe(1);
  });

  it('answers a challenge on plain HTTP before routing, even for an unrouted name and with an HTTPS redirect', async () => {
    await stack.pool.query('UPDATE services SET https_redirect = true WHERE id = $1', [stack.serviceId]);
    await stack.pool.query(
      `INSERT INTO acme_challenges (token, hostname, key_authorization, expires_at)
       VALUES ('tok-routed', 'shop.example.org', 'tok-routed.thumb', now() + interval '1 minute'),
              ('tok-unrouted', 'not-yet.example.org', 'tok-unrouted.thumb', now() + interval '1 minute')`,
    );
    const challenge = (i: number, token: string, host: string) =>
      get(stack.httpPort(i), host, `/.well-known/acme-challenge/${token}`);
    for (const i of [0, 1]) {
      await until(async () => (await get(stack.httpPort(i), 'shop.example.org', '/')).status === 301, 'the redirect');
      const routed = await until(async () => {
        const res = await challenge(i, 'tok-routed', 'shop.example.org');
        return res.body === 'tok-routed.thumb' && res;
      }, 'the routed token');
      expect(routed.status).toBe(200);
      expect(await challenge(i, 'tok-unrouted', 'not-yet.example.org')).toEqual({
        status: 200,
        body: 'tok-unrouted.thumb',
      });
      // Another hostname's token, or an unknown one, goes to the service (the challenge path is never redirected).
      expect((await challenge(i, 'tok-unrouted', 'shop.example.org')).body).toBe('hello from the shop\n');
      expect((await challenge(i, 'nope', 'shop.example.org')).body).toBe('hello from the shop\n');
      expect((await get(stack.httpPort(i), 'shop.example.org', '/')).status).toBe(301);
    }
    await stack.pool.query('DELETE FROM acme_challenges');
    await stack.pool.query('UPDATE services SET https_redirect = false WHERE id = $1', [stack.serviceId]);
    await until(async () => {
      const res = await challenge(0, 'tok-routed', 'shop.example.org');
      return res.status === 200 && res.body === 'hello from the shop\n';
    }, 'the token to be gone');
  });

  it('skips wildcard hostnames with a clear status', async () => {
    await stack.addHostname('*.wild.example.org');
    const status = await stateOf('*.wild.example.org');
    expect(status.state).toBe('skipped');
    expect(status.lastError).toMatch(/wildcard: HTTP-01 cannot validate/);
    expect(await cli('cert', 'status', '*.wild.example.org')).toMatch(/skipped: wildcard/);
  });

  it('runs exactly one order per hostname with two managers at once', async () => {
    await stack.startManager(pebble, {}, 'manager-b');
    const names = ['one.example.org', 'two.example.org', 'three.example.org', 'four.example.org'];
    for (const name of names) await stack.addHostname(name);
    for (const name of names) {
      await until(async () => (await stateOf(name)).state === 'valid', `${name} to be valid`);
      expect(await ordersOf(name)).toBe(1);
    }
    const { rows } = await stack.pool.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM certificates WHERE source = 'acme' AND names && $1",
      [names],
    );
    expect(Number(rows[0]?.n)).toBe(names.length);
  });

  it('retries a failed validation with backoff, the CA error visible, then succeeds', async () => {
    // challtestsrv sends Pebble to 127.0.0.2, where no router listens: validation fails.
    await pebble.mapHost('flaky.example.org', '127.0.0.2');
    await stack.addHostname('flaky.example.org');
    const failing = await until(async () => {
      const s = await stateOf('flaky.example.org');
      return s.state === 'failing' && s;
    }, 'flaky.example.org to fail');
    expect(failing.lastError).toMatch(/127\.0\.0\.2|connect|refused|Fetching/i);
    expect(failing.failingSince).not.toBeNull();
    let failures = 0;
    for (const manager of stack.managers) {
      const metrics = await (await fetch(`http://${manager.adminAddress}/metrics`)).text();
      failures += Number(/^switchyard_certs_failures_total (\d+)/m.exec(metrics)?.[1] ?? 0);
    }
    expect(failures).toBeGreaterThanOrEqual(1);
    await pebble.unmapHost('flaky.example.org');
    const valid = await until(async () => {
      const s = await stateOf('flaky.example.org');
      return s.state === 'valid' && s;
    }, 'flaky.example.org to recover');
    expect(valid.failures).toBe(0);
    expect(valid.lastError).toBeNull();
    expect(await ordersOf('flaky.example.org')).toBeGreaterThanOrEqual(2);
  });

  it('lets another manager finish an order after a killed manager’s lease expires', async () => {
    await Promise.all(stack.managers.splice(0).map((m) => m.close()));
    // The victim is a real process, killed with SIGKILL while it waits for propagation mid-order.
    const config = stack.managerConfig(pebble, { propagationWaitMs: 120_000, leaseMs: 2_000 });
    const victim = spawn(
      process.execPath,
      ['--conditions=source', join(import.meta.dirname, 'support/manager-process.ts'), JSON.stringify(config)],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    await stack.addHostname('orphan.example.org');
    const claimed = await until(async () => {
      const s = await stateOf('orphan.example.org');
      const { rows } = await stack.pool.query("SELECT 1 FROM acme_challenges WHERE hostname = 'orphan.example.org'");
      return s.state === 'ordering' && rows.length > 0 && s;
    }, 'the victim to be mid-order');
    expect(claimed.claimedBy).toBe('victim');
    victim.kill('SIGKILL');
    await once(victim, 'exit');
    await stack.startManager(pebble, { leaseMs: 2_000 }, 'survivor');
    const valid = await until(async () => {
      const s = await stateOf('orphan.example.org');
      return s.state === 'valid' && s;
    }, 'the survivor to finish');
    expect(valid.orders).toBe(2);
    const seen = await until(() => handshake(stack.tlsPort(0), 'orphan.example.org').catch(() => undefined), 'served');
    expect(seen.authorized).toBe(true);
  });
});
