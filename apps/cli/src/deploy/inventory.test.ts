import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { InventoryError } from './errors.ts';
import { parseInventory } from './inventory.ts';
import { DEPLOY_DIR } from './templates.ts';

const minimal = `
database:
  url: postgres://cache:secret@10.0.0.5:5432/switchyard
regions:
  oregon:
    hosts:
      - { name: oregon-cache-1, address: 10.0.1.11, roles: [cache] }
      - { name: oregon-router-1, address: 10.0.1.21, roles: [router] }
`;

/** The issues an inventory is refused with, as `path: message` lines. */
function issues(text: string): string[] {
  try {
    parseInventory(text, 'inv.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(InventoryError);
    expect((error as InventoryError).code).toBe('DEPLOY_INVENTORY_INVALID');
    return (error as InventoryError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('the inventory was accepted');
}

describe('parseInventory', () => {
  it('reads the example inventory: two regions, their hosts and roles, defaults filled', async () => {
    const text = await readFile(`${DEPLOY_DIR}inventory.example.yaml`, 'utf8');
    const inventory = parseInventory(text, 'inventory.example.yaml');
    expect(inventory.regions.map((r) => r.name)).toEqual(['oregon', 'frankfurt']);
    const oregon = inventory.regions[0];
    expect(oregon?.hosts.map((h) => [h.name, h.roles])).toEqual([
      ['oregon-cache-1', ['cache', 'certs']],
      ['oregon-cache-2', ['cache']],
      ['oregon-router-1', ['router', 'activator']],
      ['oregon-router-2', ['router']],
    ]);
    expect(inventory.install).toEqual({
      app: '/opt/switchyard/app',
      node: '/opt/switchyard/node/bin/node',
      user: 'switchyard',
      configDir: '/etc/switchyard',
    });
    expect(inventory.router.drainTimeoutMs).toBe(10_000);
  });

  it('accepts a minimal inventory and fills every default', () => {
    const inventory = parseInventory(minimal, 'inv.yaml');
    expect(inventory.ports.routerHttp).toBe(80);
    expect(inventory.router.stateDir).toBe('/var/lib/switchyard/router');
    expect(inventory.regions[0]?.hosts[1]).toMatchObject({ region: 'oregon', path: 'regions.oregon.hosts[1]' });
  });

  it('names the path of an unknown role', () => {
    const text = minimal.replace('roles: [router]', 'roles: [routr]');
    expect(issues(text)).toEqual([
      'regions.oregon.hosts[1].roles: unknown role "routr" (known: cache, router, activator, certs)',
    ]);
  });

  it('refuses a router with no cache in its region', () => {
    const text = `${minimal}
  frankfurt:
    hosts:
      - { name: frankfurt-router-1, address: 10.0.2.21, roles: [router] }
`;
    expect(issues(text)).toEqual([
      'regions.frankfurt.hosts[0].roles: router on frankfurt-router-1 has no cache server in its region',
    ]);
  });

  it('refuses duplicate addresses and names, across regions too', () => {
    const text = `${minimal}
  frankfurt:
    hosts:
      - { name: frankfurt-cache-1, address: 10.0.1.11, roles: [cache] }
      - { name: oregon-router-1, address: 10.0.2.21, roles: [cache] }
`;
    expect(issues(text)).toEqual([
      'regions.frankfurt.hosts[0].address: duplicate address 10.0.1.11 (also regions.oregon.hosts[0] (oregon-cache-1))',
      'regions.frankfurt.hosts[1].name: duplicate host name "oregon-router-1" (also regions.oregon.hosts[1])',
    ]);
  });

  it('refuses a missing database URL and a bad address, and reports both at once', () => {
    const text = minimal
      .replace('  url: postgres://cache:secret@10.0.0.5:5432/switchyard\n', '')
      .replace('10.0.1.21', '10.0.1');
    expect(issues(text)).toEqual([
      'database.url: is required',
      'regions.oregon.hosts[1].address: must be an IPv4 or IPv6 address, got "10.0.1"',
    ]);
  });

  it('refuses a database URL that is not postgres://', () => {
    expect(issues(minimal.replace('postgres://cache:secret@10.0.0.5:5432/switchyard', 'mysql://x/y'))).toEqual([
      'database.url: must be a postgres://[user[:password]@]host[:port]/database URL',
    ]);
  });

  it('refuses loopback addresses, unknown keys, clashing ports and bad durations', () => {
    const text = `${minimal.replace('10.0.1.11', '127.0.0.1').replace('address: 10.0.1.21', 'adress: 10.0.1.21')}
ports:
  router_admin: 9091
router:
  drain_timeout: soon
`;
    expect(issues(text)).toEqual([
      'ports.cache_admin: 9091 is already ports.router_admin (roles can share a host)',
      'router.drain_timeout: must be a duration like 500ms, 10s, 5m or 1h, got "soon"',
      'regions.oregon.hosts[0].address: must be an address other hosts can reach, got "127.0.0.1"',
      'regions.oregon.hosts[1].adress: unknown key (expected one of: name, address, roles)',
      'regions.oregon.hosts[1].address: is required',
    ]);
  });

  it('needs an orchestrator for http-scaled activators; a cache token goes with activators too', () => {
    const text = `${minimal.replace('roles: [router]', 'roles: [router, activator]')}
cache:
  token_file: /etc/switchyard/cache-token
`;
    expect(issues(text)).toEqual([
      'activator.orchestrator: is required: the http scaler (the default here) needs the orchestrator URL',
    ]);
  });

  it('reports YAML syntax errors with the file name', () => {
    expect(() => parseInventory('regions: [', 'broken.yaml')).toThrow(
      /^broken\.yaml: invalid inventory\n.*not valid YAML/,
    );
  });
});
