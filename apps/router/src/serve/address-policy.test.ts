import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { AddressPolicy, AddressPolicyError, embeddedIpv4, type LookupFunction } from './address-policy.ts';

/** A resolver that answers from a table: no DNS traffic. */
function fakeDns(table: Record<string, string[]>): LookupFunction {
  return (hostname, _options, callback) => {
    const addresses = table[hostname];
    if (addresses === undefined) {
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
      return;
    }
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
}

function resolve(policy: AddressPolicy, hostname: string, port: number, all = true): Promise<unknown> {
  return new Promise((done, fail) => {
    policy.lookupFor(port)(hostname, { all }, (error, address, family) => {
      if (error) fail(error);
      else done(all ? (address as LookupAddress[]).map((a) => a.address) : [address, family]);
    });
  });
}

describe('AddressPolicy', () => {
  const policy = new AddressPolicy({ denyPorts: [9090, 50051] });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['168.63.129.16', 'cloud metadata (Azure)'],
    ['100.100.100.200', 'shared (CGNAT)'],
    ['0.0.0.0', '"this network"'],
    ['fd00:ec2::254', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback (IPv4 in IPv6)'],
    ['::ffff:7f00:1', 'loopback (IPv4 in IPv6)'],
    ['::ffff:a9fe:a9fe', 'link-local (cloud metadata) (IPv4 in IPv6)'],
    ['::ffff:10.0.0.1', 'private (IPv4 in IPv6)'],
    ['::127.0.0.1', 'loopback (IPv4 in IPv6)'],
    ['64:ff9b::a9fe:a9fe', 'link-local (cloud metadata) (IPv4 in IPv6)'],
    ['2002:7f00:1::', 'loopback (IPv4 in IPv6)'],
    ['fe80::1%eth0', 'link-local'], // a zone id, as a resolver may return it
    ['::ffff:127.0.0.1%lo', 'loopback (IPv4 in IPv6)'],
  ])('refuses %s (%s)', (address, label) => {
    expect(policy.refusal(address, 80)).toBe(`${address} is a ${label} address`);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8', '172.32.0.1', '2001:4860::8888'])(
    'allows the public address %s',
    (address) => {
      expect(policy.refusal(address, 443)).toBeUndefined();
    },
  );

  it("refuses the platform's ports on every address", () => {
    expect(policy.refusal('93.184.215.14', 9090)).toBe("port 9090 is one of the platform's internal ports");
    expect(policy.refusal('2606:4700::1111', 50051)).toMatch(/port 50051/);
  });

  it('refuses what is not an IP address', () => {
    expect(policy.refusal('localhost', 80)).toBe('localhost is not an IP address');
  });

  it('lets the allow-list name inside ranges, addresses and address:port pairs', () => {
    const allowing = new AddressPolicy({
      allow: ['10.20.0.0/16', '127.0.0.1:8443', '[fd00::/8]:443', '::1', '192.168.1.5'],
      denyPorts: [9090],
    });
    expect(allowing.refusal('10.20.3.4', 80)).toBeUndefined();
    expect(allowing.refusal('::ffff:10.20.3.4', 80)).toBeUndefined();
    expect(allowing.refusal('10.21.0.1', 80)).toMatch(/private/);
    expect(allowing.refusal('127.0.0.1', 8443)).toBeUndefined();
    expect(allowing.refusal('127.0.0.1', 8444)).toMatch(/loopback/);
    expect(allowing.refusal('fd12::1', 443)).toBeUndefined();
    expect(allowing.refusal('fd12::1', 80)).toMatch(/unique-local/);
    expect(allowing.refusal('::1', 3000)).toBeUndefined();
    // An entry without a port does not open the denied ports; one with the port does.
    expect(allowing.refusal('10.20.3.4', 9090)).toMatch(/port 9090/);
    expect(new AddressPolicy({ allow: ['127.0.0.1:9090'], denyPorts: [9090] }).refusal('127.0.0.1', 9090)).toBe(
      undefined,
    );
  });

  it.each(['localhost', '10.0.0.0/33', '10.0.0.1:0', '10.0.0.1:70000', 'fd00::1/129', '[fd00::1]:x', ''])(
    'refuses the allow entry %j',
    (entry) => {
      expect(() => new AddressPolicy({ allow: [entry] })).toThrow(AddressPolicyError);
    },
  );

  it('filters resolved addresses, and fails when none is left (hostnames as a tenant would use them)', async () => {
    const dns = fakeDns({
      'loopback.test': ['127.0.0.1'],
      'v6-loopback.test': ['::1'],
      'metadata.test': ['169.254.169.254'],
      'private.test': ['10.0.0.7'],
      'mapped.test': ['::ffff:127.0.0.1', '::ffff:169.254.169.254'],
      'mixed.test': ['10.0.0.7', '93.184.215.14', '::1', '2606:4700::1111'],
    });
    const guarded = new AddressPolicy({ lookup: dns });
    for (const [host, why] of [
      ['loopback.test', '127.0.0.1 is a loopback address'],
      ['v6-loopback.test', '::1 is a loopback address'],
      ['metadata.test', '169.254.169.254 is a link-local (cloud metadata) address'],
      ['private.test', '10.0.0.7 is a private address'],
      ['mapped.test', '::ffff:127.0.0.1 is a loopback (IPv4 in IPv6) address'],
    ] as const) {
      await expect(resolve(guarded, host, 80)).rejects.toMatchObject({
        code: 'ESWITCHYARD_ADDRESS_REFUSED',
        message: expect.stringContaining(why),
      });
    }
    expect(await resolve(guarded, 'mixed.test', 80)).toEqual(['93.184.215.14', '2606:4700::1111']);
    expect(await resolve(guarded, 'mixed.test', 80, false)).toEqual(['93.184.215.14', 4]);
    await expect(resolve(guarded, 'nowhere.test', 80)).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});

describe('embeddedIpv4', () => {
  it.each([
    ['::ffff:1.2.3.4', '1.2.3.4'],
    ['::ffff:102:304', '1.2.3.4'],
    ['0:0:0:0:0:ffff:7f00:1', '127.0.0.1'],
    ['::7f00:1', '127.0.0.1'],
    ['64:ff9b::102:304', '1.2.3.4'],
    ['2002:a00:1::1', '10.0.0.1'],
    ['::1', undefined],
    ['::', undefined],
    ['2606:4700::1111', undefined],
    ['1.2.3.4', undefined],
  ])('%s → %s', (address, v4) => {
    expect(embeddedIpv4(address)).toBe(v4);
  });
});
