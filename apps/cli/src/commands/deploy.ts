import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expectPositionals, parseCommand } from '../args.ts';
import { type Command, commandGroup } from '../command.ts';
import { renderBundles, writeBundles } from '../deploy/bundle.ts';
import { parseInventory } from '../deploy/inventory.ts';
import { UsageError } from '../errors.ts';
import type { CliIo } from '../io.ts';

const usage = `Usage:
  switchyard deploy render --inventory FILE --out DIR [--app DIR] [--node PATH] [--json]
  switchyard deploy check --inventory FILE

render: validates the inventory (regions, hosts, roles, database URL) and writes one bundle per
host into DIR — DIR/<host>/rootfs/ (systemd units, EnvironmentFiles, sysctl, Vector config, at the
paths they take on the VM) and DIR/<host>/host.json — plus DIR/observability/ (Prometheus scrape
config, alert rules, Grafana dashboard). deploy/install.sh installs a host's bundle.
check: validates the inventory only.

Options:
  --inventory FILE   the inventory (YAML; see deploy/inventory.example.yaml)
  --out DIR          where the bundles go (created; files already there are overwritten)
  --app DIR          override install.app (the app directory on the hosts)
  --node PATH        override install.node (the Node binary on the hosts)
  --json             print the list of files written as JSON
  -h, --help         this text`;

const options = {
  inventory: { type: 'string' },
  out: { type: 'string' },
  app: { type: 'string' },
  node: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

async function loadInventory(path: string | undefined) {
  if (path === undefined) throw new UsageError('--inventory FILE is required', usage);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --inventory "${path}": ${(error as Error).message}`, usage);
  }
  return parseInventory(text, path);
}

function absolute(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!value.startsWith('/')) throw new UsageError(`${flag} must be an absolute path, got "${value}"`, usage);
  return value;
}

async function render(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, options, usage);
  if (values.help) return help(io);
  expectPositionals(positionals, [], usage);
  if (values.out === undefined) throw new UsageError('--out DIR is required', usage);
  const app = absolute('--app', values.app);
  const node = absolute('--node', values.node);
  const inventory = await loadInventory(values.inventory);
  if (app !== undefined) inventory.install.app = app;
  if (node !== undefined) inventory.install.node = node;
  const files = await renderBundles(inventory);
  const out = resolve(values.out);
  await writeBundles(out, files);
  if (values.json) {
    io.out(JSON.stringify({ out, files: files.map((f) => f.path) }, null, 2));
  } else {
    const hosts = inventory.regions.flatMap((r) => r.hosts.map((h) => `${h.name} (${r.name}: ${h.roles.join(', ')})`));
    io.out(
      `rendered ${files.length} files for ${hosts.length} hosts into ${out}\n${hosts.map((h) => `  ${h}`).join('\n')}`,
    );
  }
  return 0;
}

async function check(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, options, usage);
  if (values.help) return help(io);
  expectPositionals(positionals, [], usage);
  const inventory = await loadInventory(values.inventory);
  const hosts = inventory.regions.reduce((n, r) => n + r.hosts.length, 0);
  io.out(`${values.inventory}: ok (${inventory.regions.length} regions, ${hosts} hosts)`);
  return 0;
}

function help(io: CliIo): number {
  io.out(usage);
  return 0;
}

export const deployCommand: Command = commandGroup(
  'deploy',
  'render per-host deployment bundles (systemd, env, sysctl, observability) from an inventory',
  usage,
  { render, check },
);
