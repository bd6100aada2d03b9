import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressPolicy, type LookupFunction } from './address-policy.ts';
import { UpstreamPools } from './upstream-pools.ts';

/**
 * Pools with an address policy, against real loopback servers. What is asserted for refused
 * destinations is that the server never saw a connection: the refusal happens before connecting.
 * No traffic leaves loopback: every refused address is refused before a socket is opened.
 */
describe('UpstreamPools with an address policy', () => {
  const servers: Server[] = [];
  const connections = new Map<string, number>();
  let port = 0;

  function listen(host: string, name: string, usePort: number): Promise<number> {
    const server = createServer((req, res) => {
      if (req.url === '/redirect') res.writeHead(302, { location: `http://127.0.0.1:${port}/` });
      res.end(name);
    });
    server.on('connection', () => connections.set(name, (connections.get(name) ?? 0) + 1));
    servers.push(server);
    return new Promise((resolve) =>
      server.listen(usePort, host, () => resolve((server.address() as AddressInfo).port)),
    );
  }

  beforeAll(async () => {
    port = await listen('127.0.0.1', 'inside', 0);
    await listen('127.0.0.2', 'allowed', port); // the same port on another loopback address
  });
  afterAll(() => {
    for (const server of servers) server.close();
  });

  let lookups = 0;
  const rebinding: LookupFunction = (hostname, _options, callback) => {
    const first = hostname === 'rebind.test' && lookups++ === 0;
    const table: Record<string, string[]> = {
      'inside.test': ['127.0.0.1'],
      'v6.test': ['::1'],
      'metadata.test': ['169.254.169.254'],
      'private.test': ['10.1.2.3'],
      'mapped.test': ['::ffff:127.0.0.1'],
      // First the allowed address, then an inside one: DNS rebinding.
      'rebind.test': [first ? '127.0.0.2' : '127.0.0.1'],
    };
    const addresses = table[hostname] ?? [];
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };

  async function get(
    pools: UpstreamPools,
    host: string,
    tls = false,
    path = '/',
  ): Promise<{ status: number; body: string; location?: string }> {
    const pool = pools.get({ host, port, tls });
    const res = await pool.request({ path, method: 'GET', headers: { connection: 'close' } });
    const location = res.headers.location as string | undefined;
    return { status: res.statusCode, body: await res.body.text(), ...(location ? { location } : {}) };
  }

  it('refuses literal inside addresses and names resolving to them, before connecting', async () => {
    const pools = new UpstreamPools({ addressPolicy: new AddressPolicy({ lookup: rebinding }) });
    try {
      for (const host of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '169.254.169.254', '10.1.2.3', '[::ffff:7f00:1]']) {
        await expect(get(pools, host.startsWith('[') ? host.slice(1, -1) : host)).rejects.toMatchObject({
          code: 'ESWITCHYARD_ADDRESS_REFUSED',
        });
      }
      // Other spellings of 127.0.0.1 in a rule's URL: the WHATWG parser the static path uses normalises them.
      for (const url of ['http://2130706433/', 'http://0x7f.1/', 'http://127.1/', 'http://[::ffff:7f00:1]/']) {
        const hostname = new URL(url).hostname;
        await expect(get(pools, hostname.startsWith('[') ? hostname.slice(1, -1) : hostname)).rejects.toMatchObject({
          code: 'ESWITCHYARD_ADDRESS_REFUSED',
        });
      }
      for (const host of ['inside.test', 'v6.test', 'metadata.test', 'private.test', 'mapped.test']) {
        await expect(get(pools, host)).rejects.toMatchObject({ code: 'ESWITCHYARD_ADDRESS_REFUSED' });
        await expect(get(pools, host, true)).rejects.toMatchObject({ code: 'ESWITCHYARD_ADDRESS_REFUSED' });
      }
      expect(connections.get('inside')).toBeUndefined();
    } finally {
      await pools.close();
    }
  });

  it('checks every connection again: a name that rebinds to an inside address is refused', async () => {
    const policy = new AddressPolicy({ allow: ['127.0.0.2'], lookup: rebinding });
    const pools = new UpstreamPools({ addressPolicy: policy });
    try {
      expect(await get(pools, 'rebind.test')).toEqual({ status: 200, body: 'allowed' });
      await expect(get(pools, 'rebind.test')).rejects.toMatchObject({ code: 'ESWITCHYARD_ADDRESS_REFUSED' });
      expect(connections.get('inside')).toBeUndefined();
    } finally {
      await pools.close();
    }
  });

  it('never follows a redirect: the Location goes back to the client, the router does not fetch it', async () => {
    const pools = new UpstreamPools({ addressPolicy: new AddressPolicy({ allow: ['127.0.0.2'] }) });
    try {
      expect(await get(pools, '127.0.0.2', false, '/redirect')).toEqual({
        status: 302,
        body: 'allowed',
        location: `http://127.0.0.1:${port}/`,
      });
      expect(connections.get('inside')).toBeUndefined();
    } finally {
      await pools.close();
    }
  });

  it('connects where the allow-list says so', async () => {
    const pools = new UpstreamPools({
      addressPolicy: new AddressPolicy({ allow: [`127.0.0.1:${port}`], lookup: rebinding }),
    });
    try {
      expect(await get(pools, '127.0.0.1')).toEqual({ status: 200, body: 'inside' });
      expect(await get(pools, 'inside.test')).toEqual({ status: 200, body: 'inside' });
      expect(connections.get('inside')).toBe(2);
    } finally {
      await pools.close();
    }
  });

  it('pools without a policy connect anywhere (instances, the activator)', async () => {
    const pools = new UpstreamPools();
    try {
      expect(await get(pools, '127.0.0.1')).toEqual({ status: 200, body: 'inside' });
    } finally {
      await pools.close();
    }
  });
});
