import { formatAddress } from '@switchyard/config';
import { hostsWithRole, type Inventory, type InventoryHost, type InventoryRegion } from './inventory.ts';

/**
 * The EnvironmentFile of each role: the component's own `SWITCHYARD_*` variables (see each app's
 * config.ts), so the unit's ExecStart carries no flags and one file holds a host's settings.
 */
export type EnvVars = [name: string, value: string][];

export function cacheEnv(inventory: Inventory, host: InventoryHost): EnvVars {
  const vars: EnvVars = [
    ['SWITCHYARD_DATABASE_URL', inventory.databaseUrl],
    ['SWITCHYARD_REGION', host.region],
    ['SWITCHYARD_CACHE_LISTEN', formatAddress(host.address, inventory.ports.cacheGrpc)],
    ['SWITCHYARD_CACHE_ADMIN', formatAddress(host.address, inventory.ports.cacheAdmin)],
  ];
  if (inventory.cache.tokenFile !== undefined) vars.push(['SWITCHYARD_CACHE_TOKEN_FILE', inventory.cache.tokenFile]);
  return vars;
}

/** The caches a router or activator of `region` may use. */
export function regionCaches(inventory: Inventory, region: InventoryRegion): string {
  return hostsWithRole(region, 'cache')
    .map((cache) => formatAddress(cache.address, inventory.ports.cacheGrpc))
    .join(',');
}

/**
 * The region's activators, `HOST:PORT,…` in inventory order: every router of the region gets the same
 * list (each free service goes to the one its rendezvous hash names), and every activator gets it as
 * its peers. Undefined when the region has none.
 */
export function regionActivators(inventory: Inventory, region: InventoryRegion): string | undefined {
  const activators = hostsWithRole(region, 'activator');
  if (activators.length === 0) return undefined;
  return activators.map((a) => formatAddress(a.address, inventory.ports.activatorHttp)).join(',');
}

/** Where routers write their access log on a VM (systemd's LogsDirectory=switchyard); Vector tails it. */
export const ROUTER_ACCESS_LOG = '/var/log/switchyard/access.log';

export function routerEnv(inventory: Inventory, region: InventoryRegion, host: InventoryHost): EnvVars {
  const vars: EnvVars = [
    ['SWITCHYARD_CACHES', regionCaches(inventory, region)],
    ['SWITCHYARD_REGION', host.region],
    ['SWITCHYARD_ROUTER_LISTEN', formatAddress(inventory.router.listenHost, inventory.ports.routerHttp)],
    ['SWITCHYARD_ROUTER_STATE_DIR', inventory.router.stateDir],
    ['SWITCHYARD_ROUTER_DRAIN_TIMEOUT', `${inventory.router.drainTimeoutMs}ms`],
    // Both slots append to one file (O_APPEND); logrotate sends SIGHUP to reopen it (deploy/README.md).
    ['SWITCHYARD_ROUTER_ACCESS_LOG', ROUTER_ACCESS_LOG],
  ];
  if (inventory.router.workers !== undefined)
    vars.push(['SWITCHYARD_ROUTER_WORKERS', String(inventory.router.workers)]);
  const activators = regionActivators(inventory, region);
  if (activators !== undefined) vars.push(['SWITCHYARD_ACTIVATOR', activators]);
  if (inventory.cache.tokenFile !== undefined) vars.push(['SWITCHYARD_CACHE_TOKEN_FILE', inventory.cache.tokenFile]);
  return vars;
}

export const ROUTER_SLOTS = ['blue', 'green'] as const;
export type RouterSlot = (typeof ROUTER_SLOTS)[number];

/** The admin address of a router slot: what tells the two processes of a roll apart. */
export function routerSlotAdmin(inventory: Inventory, host: InventoryHost, slot: RouterSlot): string {
  return formatAddress(host.address, slot === 'blue' ? inventory.ports.routerAdmin : inventory.ports.routerAdminGreen);
}

/** `router-<slot>.env`, read after `router.env` by `switchyard-router@<slot>.service`. */
export function routerSlotEnv(inventory: Inventory, host: InventoryHost, slot: RouterSlot): EnvVars {
  return [['SWITCHYARD_ROUTER_ADMIN', routerSlotAdmin(inventory, host, slot)]];
}

/** Variable names follow `switchyard activator --help` (apps/activator/src/config.ts). */
export function activatorEnv(inventory: Inventory, region: InventoryRegion, host: InventoryHost): EnvVars {
  const a = inventory.activator;
  const vars: EnvVars = [
    ['SWITCHYARD_CACHES', regionCaches(inventory, region)],
    ['SWITCHYARD_REGION', host.region],
    ['SWITCHYARD_ACTIVATOR_LISTEN', formatAddress(host.address, inventory.ports.activatorHttp)],
    ['SWITCHYARD_ACTIVATOR_ADMIN', formatAddress(host.address, inventory.ports.activatorAdmin)],
    ['SWITCHYARD_ACTIVATOR_SCALER', a.scaler],
  ];
  if (a.orchestrator !== undefined) vars.push(['SWITCHYARD_ACTIVATOR_ORCHESTRATOR', a.orchestrator]);
  if (a.idleTimeout !== undefined) vars.push(['SWITCHYARD_ACTIVATOR_IDLE_TIMEOUT', a.idleTimeout]);
  if (a.queueLimit !== undefined) vars.push(['SWITCHYARD_ACTIVATOR_QUEUE_LIMIT', String(a.queueLimit)]);
  if (a.wakeTimeout !== undefined) vars.push(['SWITCHYARD_ACTIVATOR_WAKE_TIMEOUT', a.wakeTimeout]);
  if (a.drainTimeout !== undefined) vars.push(['SWITCHYARD_ACTIVATOR_DRAIN_TIMEOUT', a.drainTimeout]);
  const peers = regionActivators(inventory, region);
  if (peers?.includes(',')) vars.push(['SWITCHYARD_ACTIVATOR_PEERS', peers]);
  if (inventory.cache.tokenFile !== undefined) vars.push(['SWITCHYARD_CACHE_TOKEN_FILE', inventory.cache.tokenFile]);
  return vars;
}

/** Variable names follow `switchyard certs --help` (apps/certs/src/config.ts). One manager per host with the role. */
export function certsEnv(inventory: Inventory, host: InventoryHost): EnvVars {
  const c = inventory.certs;
  if (c === undefined) throw new Error('certsEnv: the inventory has no certs section');
  return [
    ['SWITCHYARD_DATABASE_URL', c.databaseUrl],
    ['SWITCHYARD_ACME_DIRECTORY', c.acmeDirectory],
    ['SWITCHYARD_ACME_ACCOUNT_KEY', c.accountKeyFile],
    ['SWITCHYARD_ACME_CONTACT', c.contact.join(',')],
    ['SWITCHYARD_CERT_KEY_FILE', c.certKeyFile],
    ['SWITCHYARD_CERTS_ADMIN', formatAddress(host.address, inventory.ports.certsAdmin)],
  ];
}

/**
 * systemd EnvironmentFile syntax: one `NAME="value"` a line. Inside double quotes systemd drops the
 * backslash before any of \ " ` $ (as a shell would), so escaping those four keeps any value literal.
 */
export function formatEnvFile(vars: EnvVars, header: string): string {
  const lines = vars.map(([name, value]) => `${name}="${value.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`);
  return `# ${header}\n${lines.join('\n')}\n`;
}

/** The inverse of formatEnvFile (also what the rehearsal uses to start a host's process). */
export function parseEnvFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(?:"((?:[^"\\]|\\.)*)"|(.*))$/.exec(line.trim());
    if (!match) continue;
    vars[match[1] as string] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] as string);
  }
  return vars;
}
