import { execFileSync } from 'node:child_process';

/**
 * The rehearsal's network: one Linux bridge and one network namespace per "VM", each joined to
 * the bridge by a veth pair, all in a private /24 nothing else on the machine uses. Every name
 * carries PREFIX so a crashed earlier run can be cleaned up without touching anything else.
 */
export const PREFIX = 'syrh';
export const BRIDGE = `${PREFIX}-br0`;
export const SUBNET_PREFIX_LENGTH = 24;

export interface NetHost {
  name: string;
  address: string;
  /** The namespace: `syrh-<name>`. */
  netns: string;
  /** The veth end on the bridge (root namespace); down = cable cut. */
  bridgePort: string;
}

function ip(...args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function tryIp(...args: string[]): void {
  try {
    ip(...args);
  } catch {
    // already gone
  }
}

export function netnsName(host: string): string {
  return `${PREFIX}-${host}`;
}

/** Our namespaces still present (from this run or a crashed one). */
export function leftoverNamespaces(): string[] {
  return ip('netns', 'list')
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(`${PREFIX}-`));
}

/** Our links still present in the root namespace (bridge, veth ends). */
export function leftoverLinks(): string[] {
  return ip('-o', 'link', 'show')
    .split('\n')
    .map((line) => /^\d+:\s+([^:@]+)/.exec(line)?.[1] ?? '')
    .filter((name) => name.startsWith(`${PREFIX}-`));
}

/** Removes every namespace and link this script creates (idempotent). */
export function teardownNetwork(): void {
  for (const ns of leftoverNamespaces()) tryIp('netns', 'delete', ns);
  for (const link of leftoverLinks()) tryIp('link', 'delete', link);
}

/** Fails early if the subnet is already routed here (we would shadow someone's network). */
export function assertSubnetFree(subnet: string): void {
  const routes = ip('-4', 'route', 'show', 'table', 'all');
  const net = subnet.split('/')[0] as string;
  if (routes.includes(net)) throw new Error(`subnet ${subnet} is already in use here:\n${routes}`);
}

export function createBridge(): void {
  ip('link', 'add', BRIDGE, 'type', 'bridge');
  ip('link', 'set', BRIDGE, 'up');
}

export function createHost(name: string, address: string, index: number): NetHost {
  const netns = netnsName(name);
  const bridgePort = `${PREFIX}-v${index}`;
  ip('netns', 'add', netns);
  ip('link', 'add', bridgePort, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', netns);
  ip('link', 'set', bridgePort, 'master', BRIDGE, 'up');
  ip('-n', netns, 'addr', 'add', `${address}/${SUBNET_PREFIX_LENGTH}`, 'dev', 'eth0');
  ip('-n', netns, 'link', 'set', 'lo', 'up');
  ip('-n', netns, 'link', 'set', 'eth0', 'up');
  return { name, address, netns, bridgePort };
}

/** Cuts (or restores) a host's only link, as if its cable were pulled. */
export function setLink(host: NetHost, up: boolean): void {
  ip('link', 'set', host.bridgePort, up ? 'up' : 'down');
}

/** Applies a sysctl file inside a namespace (network sysctls are per namespace). */
export function applySysctl(host: NetHost, file: string): void {
  execFileSync('ip', ['netns', 'exec', host.netns, 'sysctl', '-q', '-e', '-p', file], { stdio: 'ignore' });
}
