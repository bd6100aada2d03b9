import { isIPv4, isIPv6 } from 'node:net';
import { ConfigError, parseDuration } from '@switchyard/config';
import { parse as parseYaml } from 'yaml';
import { InventoryError, type InventoryIssue } from './errors.ts';

/**
 * The deployment inventory: regions, their hosts and roles, the service database, and the few
 * settings every host of a role shares. `parseInventory` validates all of it and reports every
 * problem with its path in the YAML (`regions.oregon.hosts[2].roles: unknown role "routr"`).
 */

export const ROLES = ['cache', 'router', 'activator', 'certs'] as const;
export type Role = (typeof ROLES)[number];

export interface InventoryHost {
  name: string;
  address: string;
  region: string;
  roles: Role[];
  /** Where it is in the inventory, for messages: `regions.oregon.hosts[0]`. */
  path: string;
}

export interface InventoryRegion {
  name: string;
  hosts: InventoryHost[];
}

export interface InventoryPorts {
  routerHttp: number;
  /** Admin of the router's blue slot. */
  routerAdmin: number;
  /** Admin of the router's green slot (the one a roll starts beside blue, and the reverse). */
  routerAdminGreen: number;
  cacheGrpc: number;
  cacheAdmin: number;
  activatorHttp: number;
  activatorAdmin: number;
  certsAdmin: number;
}

export interface Inventory {
  databaseUrl: string;
  install: {
    /** The app checkout or unpacked release (holds apps/cli/bin/switchyard.js). */
    app: string;
    /** The Node ≥ 22.12 binary the units run. */
    node: string;
    /** System user the units run as. */
    user: string;
    /** Where EnvironmentFiles and secrets live on the host. */
    configDir: string;
  };
  ports: InventoryPorts;
  router: { listenHost: string; workers?: number; drainTimeoutMs: number; stateDir: string };
  cache: { tokenFile?: string };
  activator: {
    scaler: 'process' | 'http';
    /** The http scaler's orchestrator base URL. */
    orchestrator?: string;
    idleTimeout?: string;
    queueLimit?: number;
    wakeTimeout?: string;
    drainTimeout?: string;
  };
  /** The certificate manager (`switchyard certs`): needed when a host has the certs role. */
  certs?: {
    /** A database role that may write certificates and ACME state (the caches' may only read). */
    databaseUrl: string;
    acmeDirectory: string;
    accountKeyFile: string;
    contact: string[];
    /** The platform key sealing certificate keys. */
    certKeyFile: string;
  };
  observability: { lokiUrl: string; scrapeInterval: string };
  regions: InventoryRegion[];
}

export const INVENTORY_DEFAULTS = {
  prefix: '/opt/switchyard',
  user: 'switchyard',
  configDir: '/etc/switchyard',
  ports: {
    routerHttp: 80,
    routerAdmin: 9090,
    routerAdminGreen: 9093,
    cacheGrpc: 50051,
    cacheAdmin: 9091,
    activatorHttp: 8081,
    activatorAdmin: 9092,
    certsAdmin: 9094,
  } satisfies InventoryPorts,
  routerListenHost: '0.0.0.0',
  routerDrainTimeout: '10s',
  routerStateDir: '/var/lib/switchyard/router',
  lokiUrl: 'http://127.0.0.1:3100',
  scrapeInterval: '15s',
} as const;

const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

type Node = unknown;

/** Walks the parsed YAML, collecting issues instead of stopping at the first. */
class Reader {
  readonly issues: InventoryIssue[] = [];

  fail(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  /** A mapping; unknown keys are issues (typos must not pass silently). */
  map(node: Node, path: string, keys: readonly string[], required = true): Record<string, Node> | undefined {
    if (node === undefined || node === null) {
      if (required) this.fail(path, 'is required');
      return undefined;
    }
    if (typeof node !== 'object' || Array.isArray(node)) {
      this.fail(path, 'must be a mapping');
      return undefined;
    }
    const record = node as Record<string, Node>;
    for (const key of Object.keys(record)) {
      if (!keys.includes(key)) this.fail(join(path, key), `unknown key (expected one of: ${keys.join(', ')})`);
    }
    return record;
  }

  string(node: Node, path: string, required: boolean): string | undefined {
    if (node === undefined || node === null) {
      if (required) this.fail(path, 'is required');
      return undefined;
    }
    if (typeof node !== 'string' || node.trim() === '') {
      this.fail(path, 'must be a non-empty string');
      return undefined;
    }
    return node.trim();
  }

  absolutePath(node: Node, path: string): string | undefined {
    const value = this.string(node, path, false);
    if (value !== undefined && !value.startsWith('/')) {
      this.fail(path, `must be an absolute path, got "${value}"`);
      return undefined;
    }
    return value;
  }

  port(node: Node, path: string, fallback: number): number {
    if (node === undefined || node === null) return fallback;
    if (typeof node !== 'number' || !Number.isInteger(node) || node < 1 || node > 65535) {
      this.fail(path, `must be a port number 1-65535, got ${JSON.stringify(node)}`);
      return fallback;
    }
    return node;
  }

  positiveInteger(node: Node, path: string): number | undefined {
    if (node === undefined || node === null) return undefined;
    if (typeof node !== 'number' || !Number.isSafeInteger(node) || node < 1) {
      this.fail(path, `must be a positive integer, got ${JSON.stringify(node)}`);
      return undefined;
    }
    return node;
  }

  duration(node: Node, path: string, fallback?: string): string | undefined {
    const value = this.string(node, path, false) ?? fallback;
    if (value === undefined) return undefined;
    try {
      parseDuration(value, path);
      return value;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.fail(path, `must be a duration like 500ms, 10s, 5m or 1h, got "${value}"`);
      return fallback;
    }
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** Parses and validates an inventory; `source` (the file name) heads the error message. */
export function parseInventory(text: string, source: string): Inventory {
  let document: Node;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new InventoryError(source, [{ path: '', message: `not valid YAML: ${(error as Error).message}` }]);
  }
  const r = new Reader();
  const top =
    r.map(document, '', [
      'database',
      'install',
      'ports',
      'router',
      'cache',
      'activator',
      'certs',
      'observability',
      'regions',
    ]) ?? {};

  const database = r.map(top.database, 'database', ['url'], false);
  const databaseUrl = r.string(database?.url, 'database.url', true) ?? '';
  if (databaseUrl !== '' && !/^postgres(ql)?:\/\/[^/\s]+\/[^/\s]+$/.test(databaseUrl)) {
    r.fail('database.url', 'must be a postgres://[user[:password]@]host[:port]/database URL');
  }

  const install = r.map(top.install, 'install', ['prefix', 'app', 'node', 'user', 'config_dir'], false) ?? {};
  const prefix = r.absolutePath(install.prefix, 'install.prefix') ?? INVENTORY_DEFAULTS.prefix;
  const user = r.string(install.user, 'install.user', false) ?? INVENTORY_DEFAULTS.user;
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(user)) r.fail('install.user', `must be a system user name, got "${user}"`);

  const ports = r.map(top.ports, 'ports', portKeys, false) ?? {};
  const d = INVENTORY_DEFAULTS.ports;
  const resolvedPorts: InventoryPorts = {
    routerHttp: r.port(ports.router_http, 'ports.router_http', d.routerHttp),
    routerAdmin: r.port(ports.router_admin, 'ports.router_admin', d.routerAdmin),
    routerAdminGreen: r.port(ports.router_admin_green, 'ports.router_admin_green', d.routerAdminGreen),
    cacheGrpc: r.port(ports.cache_grpc, 'ports.cache_grpc', d.cacheGrpc),
    cacheAdmin: r.port(ports.cache_admin, 'ports.cache_admin', d.cacheAdmin),
    activatorHttp: r.port(ports.activator_http, 'ports.activator_http', d.activatorHttp),
    activatorAdmin: r.port(ports.activator_admin, 'ports.activator_admin', d.activatorAdmin),
    certsAdmin: r.port(ports.certs_admin, 'ports.certs_admin', d.certsAdmin),
  };
  checkPortClashes(r, resolvedPorts);

  const router = r.map(top.router, 'router', ['listen_host', 'workers', 'drain_timeout', 'state_dir'], false) ?? {};
  const listenHost = r.string(router.listen_host, 'router.listen_host', false) ?? INVENTORY_DEFAULTS.routerListenHost;
  if (!isIPv4(listenHost) && !isIPv6(listenHost)) {
    r.fail('router.listen_host', `must be an IP address (0.0.0.0 for all), got "${listenHost}"`);
  }
  const workers = r.positiveInteger(router.workers, 'router.workers');
  const drain = r.duration(router.drain_timeout, 'router.drain_timeout', INVENTORY_DEFAULTS.routerDrainTimeout);

  const cache = r.map(top.cache, 'cache', ['token_file'], false) ?? {};
  const tokenFile = r.absolutePath(cache.token_file, 'cache.token_file');

  const activator =
    r.map(
      top.activator,
      'activator',
      ['scaler', 'orchestrator', 'idle_timeout', 'queue_limit', 'wake_timeout', 'drain_timeout'],
      false,
    ) ?? {};
  const scaler = r.string(activator.scaler, 'activator.scaler', false) ?? 'http';
  if (scaler !== 'process' && scaler !== 'http') {
    r.fail('activator.scaler', `must be "process" or "http", got "${scaler}"`);
  }
  const orchestrator = r.string(activator.orchestrator, 'activator.orchestrator', false);
  if (orchestrator !== undefined && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(orchestrator)) {
    r.fail('activator.orchestrator', `must be an http(s):// URL, got "${orchestrator}"`);
  }
  const idleTimeout = r.duration(activator.idle_timeout, 'activator.idle_timeout');
  const queueLimit = r.positiveInteger(activator.queue_limit, 'activator.queue_limit');
  const wakeTimeout = r.duration(activator.wake_timeout, 'activator.wake_timeout');
  const activatorDrain = r.duration(activator.drain_timeout, 'activator.drain_timeout');

  const observability = r.map(top.observability, 'observability', ['loki_url', 'scrape_interval'], false) ?? {};
  const lokiUrl = r.string(observability.loki_url, 'observability.loki_url', false) ?? INVENTORY_DEFAULTS.lokiUrl;
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(lokiUrl)) {
    r.fail('observability.loki_url', `must be an http(s):// URL, got "${lokiUrl}"`);
  }
  const scrapeInterval =
    r.duration(observability.scrape_interval, 'observability.scrape_interval', INVENTORY_DEFAULTS.scrapeInterval) ??
    INVENTORY_DEFAULTS.scrapeInterval;
  if (!/^\d+(ms|s|m|h)$/.test(scrapeInterval)) {
    r.fail('observability.scrape_interval', `must be a whole number with a unit (Prometheus), got "${scrapeInterval}"`);
  }

  const certs =
    r.map(
      top.certs,
      'certs',
      ['database_url', 'acme_directory', 'account_key_file', 'contact', 'cert_key_file'],
      false,
    ) ?? {};
  const certsDatabaseUrl = r.string(certs.database_url, 'certs.database_url', false);
  const acmeDirectory = r.string(certs.acme_directory, 'certs.acme_directory', false);
  if (acmeDirectory !== undefined && !/^https:\/\/[^\s/]+(\/\S*)?$/.test(acmeDirectory)) {
    r.fail('certs.acme_directory', `must be an https:// URL, got "${acmeDirectory}"`);
  }
  const accountKeyFile = r.absolutePath(certs.account_key_file, 'certs.account_key_file');
  const certKeyFile = r.absolutePath(certs.cert_key_file, 'certs.cert_key_file');
  const contact = Array.isArray(certs.contact) ? certs.contact : certs.contact === undefined ? [] : [certs.contact];
  for (const [i, c] of contact.entries()) {
    if (typeof c !== 'string' || !/^mailto:[^@\s]+@[^@\s]+$/.test(c)) {
      r.fail(`certs.contact[${i}]`, `must be a mailto: address, got ${JSON.stringify(c)}`);
    }
  }

  const regions = readRegions(r, top.regions);
  const hasCerts = regions.some((region) => hostsWithRole(region, 'certs').length > 0);
  if (hasCerts) {
    if (acmeDirectory === undefined) r.fail('certs.acme_directory', 'is required: a host has the certs role');
    if (accountKeyFile === undefined) r.fail('certs.account_key_file', 'is required: a host has the certs role');
    if (certKeyFile === undefined) r.fail('certs.cert_key_file', 'is required: a host has the certs role');
    if (contact.length === 0) r.fail('certs.contact', 'is required: a host has the certs role');
  }
  const hasActivators = regions.some((region) => hostsWithRole(region, 'activator').length > 0);
  if (hasActivators && scaler === 'http' && orchestrator === undefined) {
    r.fail('activator.orchestrator', 'is required: the http scaler (the default here) needs the orchestrator URL');
  }

  if (r.issues.length > 0) throw new InventoryError(source, r.issues);
  return {
    databaseUrl,
    install: {
      app: r.absolutePath(install.app, 'install.app') ?? `${prefix}/app`,
      node: r.absolutePath(install.node, 'install.node') ?? `${prefix}/node/bin/node`,
      user,
      configDir: r.absolutePath(install.config_dir, 'install.config_dir') ?? INVENTORY_DEFAULTS.configDir,
    },
    ports: resolvedPorts,
    router: {
      listenHost,
      ...(workers === undefined ? {} : { workers }),
      drainTimeoutMs: parseDuration(drain ?? INVENTORY_DEFAULTS.routerDrainTimeout, 'router.drain_timeout'),
      stateDir: r.absolutePath(router.state_dir, 'router.state_dir') ?? INVENTORY_DEFAULTS.routerStateDir,
    },
    cache: tokenFile === undefined ? {} : { tokenFile },
    activator: {
      scaler: scaler as 'process' | 'http',
      ...(orchestrator === undefined ? {} : { orchestrator }),
      ...(idleTimeout === undefined ? {} : { idleTimeout }),
      ...(queueLimit === undefined ? {} : { queueLimit }),
      ...(wakeTimeout === undefined ? {} : { wakeTimeout }),
      ...(activatorDrain === undefined ? {} : { drainTimeout: activatorDrain }),
    },
    ...(hasCerts
      ? {
          certs: {
            databaseUrl: certsDatabaseUrl ?? databaseUrl,
            acmeDirectory: acmeDirectory as string,
            accountKeyFile: accountKeyFile as string,
            contact: contact as string[],
            certKeyFile: certKeyFile as string,
          },
        }
      : {}),
    observability: { lokiUrl, scrapeInterval },
    regions,
  };
}

const portKeys = [
  'router_http',
  'router_admin',
  'router_admin_green',
  'cache_grpc',
  'cache_admin',
  'activator_http',
  'activator_admin',
  'certs_admin',
] as const;

/** Roles may share a host, so no two ports may be equal. */
function checkPortClashes(r: Reader, ports: InventoryPorts): void {
  const seen = new Map<number, string>();
  const values = [
    ports.routerHttp,
    ports.routerAdmin,
    ports.routerAdminGreen,
    ports.cacheGrpc,
    ports.cacheAdmin,
    ports.activatorHttp,
    ports.activatorAdmin,
    ports.certsAdmin,
  ];
  values.forEach((port, i) => {
    const key = `ports.${portKeys[i]}`;
    const other = seen.get(port);
    if (other !== undefined) r.fail(key, `${port} is already ${other} (roles can share a host)`);
    else seen.set(port, key);
  });
}

function readRegions(r: Reader, node: Node): InventoryRegion[] {
  if (node === undefined || node === null) {
    r.fail('regions', 'is required');
    return [];
  }
  if (typeof node !== 'object' || Array.isArray(node)) {
    r.fail('regions', 'must be a mapping of region name to { hosts: [...] }');
    return [];
  }
  const entries = Object.entries(node as Record<string, Node>);
  if (entries.length === 0) r.fail('regions', 'must name at least one region');
  const names = new Map<string, string>();
  const addresses = new Map<string, string>();
  const regions: InventoryRegion[] = [];
  for (const [regionName, regionNode] of entries) {
    const regionPath = `regions.${regionName}`;
    if (!NAME.test(regionName)) r.fail(regionPath, `region names are lower-case like "eu-west", got "${regionName}"`);
    const region = r.map(regionNode, regionPath, ['hosts']);
    const hostsNode = region?.hosts;
    if (region && !Array.isArray(hostsNode)) {
      r.fail(`${regionPath}.hosts`, hostsNode === undefined ? 'is required' : 'must be a list');
    }
    const hosts: InventoryHost[] = [];
    (Array.isArray(hostsNode) ? hostsNode : []).forEach((hostNode: Node, index: number) => {
      const host = readHost(r, hostNode, `${regionPath}.hosts[${index}]`, regionName, names, addresses);
      if (host) hosts.push(host);
    });
    checkRegionRoles(r, regionPath, hosts, Array.isArray(hostsNode) && hostsNode.length === 0);
    regions.push({ name: regionName, hosts });
  }
  return regions;
}

function readHost(
  r: Reader,
  node: Node,
  path: string,
  region: string,
  names: Map<string, string>,
  addresses: Map<string, string>,
): InventoryHost | undefined {
  const host = r.map(node, path, ['name', 'address', 'roles']);
  if (!host) return undefined;
  const name = r.string(host.name, `${path}.name`, true);
  if (name !== undefined) {
    if (!NAME.test(name))
      r.fail(`${path}.name`, `must be a lower-case host name like "oregon-router-1", got "${name}"`);
    const other = names.get(name);
    if (other !== undefined) r.fail(`${path}.name`, `duplicate host name "${name}" (also ${other})`);
    else names.set(name, path);
  }
  const address = r.string(host.address, `${path}.address`, true);
  if (address !== undefined) {
    if (!isIPv4(address) && !isIPv6(address)) {
      r.fail(`${path}.address`, `must be an IPv4 or IPv6 address, got "${address}"`);
    } else if (address === '0.0.0.0' || address === '::' || address.startsWith('127.') || address === '::1') {
      r.fail(`${path}.address`, `must be an address other hosts can reach, got "${address}"`);
    }
    const other = addresses.get(address);
    if (other !== undefined) r.fail(`${path}.address`, `duplicate address ${address} (also ${other})`);
    else addresses.set(address, `${path} (${name ?? '?'})`);
  }
  const roles: Role[] = [];
  const rolesNode = host.roles;
  if (!Array.isArray(rolesNode) || rolesNode.length === 0) {
    r.fail(`${path}.roles`, `must list at least one of: ${ROLES.join(', ')}`);
  } else {
    for (const role of rolesNode) {
      if (!(ROLES as readonly unknown[]).includes(role)) {
        r.fail(`${path}.roles`, `unknown role ${JSON.stringify(role)} (known: ${ROLES.join(', ')})`);
      } else if (roles.includes(role as Role)) {
        r.fail(`${path}.roles`, `role "${role}" listed twice`);
      } else {
        roles.push(role as Role);
      }
    }
  }
  if (name === undefined || address === undefined) return undefined;
  return { name, address, region, roles, path };
}

/** Routers and activators follow their region's caches: a region with either needs at least one cache. */
function checkRegionRoles(r: Reader, regionPath: string, hosts: InventoryHost[], empty: boolean): void {
  if (empty) {
    r.fail(`${regionPath}.hosts`, 'must list at least one host');
    return;
  }
  if (hosts.some((h) => h.roles.includes('cache'))) return;
  for (const host of hosts) {
    for (const role of host.roles) {
      if (role === 'router' || role === 'activator') {
        r.fail(`${host.path}.roles`, `${role} on ${host.name} has no cache server in its region`);
      }
    }
  }
}

/** Hosts of `region` holding `role`, in inventory order. */
export function hostsWithRole(region: InventoryRegion, role: Role): InventoryHost[] {
  return region.hosts.filter((h) => h.roles.includes(role));
}
