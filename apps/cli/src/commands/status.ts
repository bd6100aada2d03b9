import pg from 'pg';
import { ADMIN_TIMEOUT_MS, checkAdminAddress, fetchAdmin } from '../admin-http.ts';
import { parseCommand } from '../args.ts';
import type { Command } from '../command.ts';
import { findRunningDev } from '../dev/state-file.ts';
import { UsageError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { formatTable, printJson } from '../output.ts';
import { DEFAULT_ROUTER_ADMIN } from './route.ts';

const usage = `Usage: switchyard status [--router-admin LIST] [--cache-admin LIST] [--activator-admin LIST]
                         [--database-url URL] [--json]

Each running component: whether it answers, its readiness, its version (the route-table / state
version; the build when the component exports one) and its lag:
  router     its table version against the cache it follows, and how long ago it applied its newest change;
  activator  the same, and how many free services are awake;
  cache      its version against the database's (when the database is known), and its newest change's age.

Without flags: the components of the \`switchyard dev\` running in this directory (its dev.json), else
the router at ${DEFAULT_ROUTER_ADMIN}. LIST is HOST:PORT[,HOST:PORT…] of admin servers; the flags repeat.

  --database-url URL   compare cache versions with this database (default SWITCHYARD_DATABASE_URL,
                       else the running dev's database)
  --json               print everything as JSON

Exit code 1 when any component is down (does not answer) or not ready. A router or activator that a
cache refuses (wrong --region, token, or not a cache of this protocol) is shown as "refused: KIND",
with what is wrong and how to fix it below the table.`;

const options = {
  'router-admin': { type: 'string', multiple: true },
  'cache-admin': { type: 'string', multiple: true },
  'activator-admin': { type: 'string', multiple: true },
  'database-url': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export type ComponentKind = 'router' | 'cache' | 'activator';

/** One admin server to ask; `grpc` (known from dev.json) ties a router to the cache it follows. */
export interface ComponentTarget {
  name: string;
  kind: ComponentKind;
  admin: string;
  grpc?: string | undefined;
}

export interface ComponentStatus {
  name: string;
  kind: ComponentKind;
  admin: string;
  up: boolean;
  ready: boolean;
  /** `/readyz`'s first words: "ready", "ready (degraded)", "not ready", or why it is down. */
  readiness: string;
  /** Route-table version (router), state version (cache), or synced version (activator, from /debug/services). */
  version: number | undefined;
  /** What the component says about its build (a switchyard_build_info series), else its Node version. */
  build: string | undefined;
  lag: string | undefined;
  /** The component's /debug/state as it sent it (the activator's: its sync status and service counts). */
  state: Record<string, unknown> | undefined;
}

/** A cache's refusal of a router's or activator's configuration, as their state reports it. */
interface Refusal {
  kind: string;
  cache: string;
  message: string;
  fix: string;
}

function refusalOf(s: ComponentStatus): Refusal | undefined {
  const refusal = s.state?.refusal as Partial<Refusal> | null | undefined;
  return typeof refusal?.message === 'string' && typeof refusal.fix === 'string' ? (refusal as Refusal) : undefined;
}

export interface DatabaseStatus {
  up: boolean;
  /** xmin of the current snapshot: the version a cache reading now would reach. */
  version: number | undefined;
  /** Commit time of the newest change in the changelog (ms since the epoch), 0 if none. */
  newestChangeMs: number | undefined;
  error?: string;
}

/** The components to ask: the flags when any is given, else a running dev's, else the default router. */
export function resolveTargets(
  values: { 'router-admin'?: string[]; 'cache-admin'?: string[]; 'activator-admin'?: string[] },
  cwd: string,
): ComponentTarget[] {
  const fromFlag = (list: string[] | undefined, kind: ComponentKind): ComponentTarget[] => {
    const addresses = (list ?? []).flatMap((v) => v.split(',')).filter((v) => v.trim() !== '');
    return addresses.map((a, i) => ({
      name: addresses.length === 1 ? kind : `${kind}-${i + 1}`,
      kind,
      admin: checkAdminAddress(a, `--${kind}-admin`, usage),
    }));
  };
  const flagged = [
    ...fromFlag(values['router-admin'], 'router'),
    ...fromFlag(values['cache-admin'], 'cache'),
    ...fromFlag(values['activator-admin'], 'activator'),
  ];
  if (flagged.length > 0) return flagged;
  const dev = findRunningDev(cwd);
  if (!dev) return [{ name: 'router', kind: 'router', admin: DEFAULT_ROUTER_ADMIN }];
  return [
    { name: 'router', kind: 'router', admin: dev.router.admin },
    ...dev.caches.map((c) => ({ name: c.name, kind: 'cache' as const, admin: c.admin, grpc: c.listen })),
    ...(dev.activator ? [{ name: 'activator', kind: 'activator' as const, admin: dev.activator.admin }] : []),
  ];
}

/** Asks one component's admin server for /readyz, /debug/state and /metrics, all at once. */
export async function probeComponent(target: ComponentTarget): Promise<ComponentStatus> {
  const base = { ...target, up: false, ready: false, version: undefined, build: undefined, lag: undefined };
  const [readyz, state, metrics] = await Promise.allSettled([
    fetchAdmin(target.admin, '/readyz'),
    fetchAdmin(target.admin, target.kind === 'activator' ? '/debug/services' : '/debug/state'),
    fetchAdmin(target.admin, '/metrics'),
  ]);
  if (readyz.status === 'rejected') {
    return { ...base, readiness: `down: ${(readyz.reason as Error).message}`, state: undefined };
  }
  let parsed: Record<string, unknown> | undefined;
  if (state.status === 'fulfilled' && state.value.status === 200) {
    try {
      parsed = JSON.parse(state.value.body) as Record<string, unknown>;
    } catch {}
  }
  if (target.kind === 'activator' && parsed) parsed = activatorState(parsed);
  const body = readyz.value.body.trim();
  const ready = readyz.value.status === 200;
  const refusal = (parsed?.refusal as Refusal | null | undefined)?.kind;
  const readiness = ready
    ? `${body.split(/[:\n]/)[0] ?? 'ready'}${refusal ? ` (refused: ${refusal})` : ''}`
    : refusal
      ? `not ready (refused: ${refusal})`
      : `not ready (${body.split('\n')[0] || readyz.value.status})`;
  return {
    ...base,
    up: true,
    ready,
    readiness,
    version: typeof parsed?.version === 'number' ? parsed.version : undefined,
    build: describeBuild(parsed, metrics.status === 'fulfilled' ? metrics.value.body : ''),
    state: parsed,
  };
}

/** The activator's /debug/services in the shape of a router's state: its sync status, services counted. */
function activatorState(body: Record<string, unknown>): Record<string, unknown> {
  const sync = typeof body.sync === 'object' && body.sync !== null ? (body.sync as Record<string, unknown>) : {};
  const services = Array.isArray(body.services) ? (body.services as { state?: unknown }[]) : [];
  return { ...sync, services: services.length, awake: services.filter((s) => s.state === 'ready').length };
}

/**
 * The component's build: the `build` of its /debug/state (`{version, node}`, as @switchyard/telemetry's
 * buildInfo() gives it), else its `switchyard[_<component>]_build_info{version=…}` series, else the Node
 * version prom-client reports.
 */
export function describeBuild(state: Record<string, unknown> | undefined, metrics: string): string | undefined {
  const build = state?.build;
  if (typeof build === 'string') return build;
  if (typeof build === 'object' && build !== null && typeof (build as { version?: unknown }).version === 'string') {
    const { version, node } = build as { version: string; node?: unknown };
    return formatBuild(version, undefined, typeof node === 'string' ? node : undefined);
  }
  // Components may prefix their series (the router's are switchyard_router_*), default ones included.
  const labels = (name: RegExp) => {
    const line = metrics.split('\n').find((l) => name.test(l));
    if (!line) return undefined;
    return Object.fromEntries([...line.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
  };
  const series = labels(/^switchyard_(?:\w+_)?build_info\{/);
  if (series?.version) return formatBuild(series.version, series.commit, series.node);
  const node = labels(/^(?:\w+_)?nodejs_version_info\{/);
  return node?.version ? `node ${node.version}` : undefined;
}

function formatBuild(version: string, commit: string | undefined, node: string | undefined): string {
  // `node v24.1.0`, as prom-client's nodejs_version_info writes it (build_info has process.versions.node).
  const nodeVersion =
    node === undefined || node === '' ? undefined : `node ${node.startsWith('v') ? node : `v${node}`}`;
  const details = [commit, nodeVersion].filter((d) => d !== undefined && d !== '');
  return `switchyard ${version}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}

/** The database's current version and newest change; never throws (down is a status). */
export async function probeDatabase(url: string): Promise<DatabaseStatus> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: ADMIN_TIMEOUT_MS });
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string; newest_ms: string | null }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS version,
              (SELECT floor(extract(epoch FROM max(changed_at)) * 1000)::text FROM route_changes) AS newest_ms`,
    );
    const row = rows[0];
    return { up: true, version: Number(row?.version), newestChangeMs: Number(row?.newest_ms ?? 0) };
  } catch (error) {
    return { up: false, version: undefined, newestChangeMs: undefined, error: (error as Error).message };
  } finally {
    await client.end().catch(() => {});
  }
}

/** Fills in each component's lag: routers against their cache, caches against the database. */
export function computeLag(
  statuses: ComponentStatus[],
  targets: ComponentTarget[],
  database: DatabaseStatus | undefined,
  now: number,
): void {
  const caches = statuses.filter((s) => s.kind === 'cache' && s.version !== undefined);
  for (const s of statuses) {
    if (!s.up || s.state === undefined) continue;
    const parts: string[] = [];
    if (s.kind === 'router' || s.kind === 'activator') {
      const following = typeof s.state.cache === 'string' ? s.state.cache : undefined;
      const grpcOf = new Map(targets.map((t) => [t.name, t.grpc]));
      const own = caches.find((c) => following !== undefined && grpcOf.get(c.name) === following);
      const newest = caches.reduce<ComponentStatus | undefined>(
        (best, c) => ((c.version ?? 0) > (best?.version ?? -1) ? c : best),
        undefined,
      );
      const against = own ?? newest;
      if (s.state.connected === false) parts.push(`not connected to a cache${following ? ` (last ${following})` : ''}`);
      else if (following) parts.push(`follows ${own ? `${own.name} ` : ''}${following}`);
      if (against?.version !== undefined && s.version !== undefined) {
        const behind = Math.max(0, against.version - s.version);
        parts.push(`${behind} behind ${own ? 'it' : `${against.name} (newest cache)`}`);
      }
      if (typeof s.state.lagMs === 'number') parts.push(`newest change applied ${seconds(s.state.lagMs)} ago`);
      else if (typeof s.state.lastCommitTimeMs === 'number' && s.state.lastCommitTimeMs > 0) {
        parts.push(`newest change applied ${seconds(now - s.state.lastCommitTimeMs)} ago`);
      }
      if (typeof s.state.awake === 'number')
        parts.push(`${s.state.awake} of ${String(s.state.services)} free services awake`);
    } else if (s.kind === 'cache') {
      if (database?.up && database.version !== undefined && s.version !== undefined) {
        parts.push(`${Math.max(0, database.version - s.version)} xids behind the database`);
      }
      const commit = typeof s.state.commitTimeMs === 'number' ? s.state.commitTimeMs : 0;
      if (commit > 0) parts.push(`newest change applied ${seconds(now - commit)} ago`);
      if (database?.newestChangeMs && database.newestChangeMs > commit) {
        parts.push(`missing changes since ${seconds(now - database.newestChangeMs)} ago`);
      }
    }
    s.lag = parts.length > 0 ? parts.join('; ') : undefined;
  }
}

function seconds(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}

export function formatStatus(statuses: ComponentStatus[], database: DatabaseStatus | undefined): string {
  const rows = [
    ['COMPONENT', 'ADMIN', 'STATUS', 'VERSION', 'BUILD', 'LAG'],
    ...statuses.map((s) => [
      s.name,
      s.admin,
      s.up ? s.readiness : 'DOWN',
      s.version === undefined ? '-' : String(s.version),
      s.build ?? '-',
      s.lag ?? '-',
    ]),
  ];
  if (database) {
    rows.push(['database', '-', database.up ? 'up' : 'DOWN', String(database.version ?? '-'), '-', '-']);
  }
  const problems = statuses.filter((s) => !s.up).map((s) => `${s.name}: ${s.readiness}`);
  for (const s of statuses) {
    const refusal = refusalOf(s);
    if (refusal) problems.push(`${s.name}: ${refusal.message}\n  fix: ${refusal.fix}`);
  }
  if (database && !database.up) problems.push(`database: ${database.error ?? 'unreachable'}`);
  return [formatTable(rows), ...problems].join('\n');
}

export const statusCommand: Command = {
  name: 'status',
  summary: 'each running component: readiness, version, lag',
  usage,
  async run(args, io: CliIo) {
    const { values, positionals } = parseCommand(args, options, usage);
    if (values.help) {
      io.out(usage);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, usage);
    const cwd = process.cwd();
    const targets = resolveTargets(values, cwd);
    const flagged = values['router-admin'] ?? values['cache-admin'] ?? values['activator-admin'];
    const databaseUrl =
      values['database-url'] ??
      (io.env.SWITCHYARD_DATABASE_URL || undefined) ??
      (flagged ? undefined : findRunningDev(cwd)?.databaseUrl);
    const [statuses, database] = await Promise.all([
      Promise.all(targets.map(probeComponent)),
      databaseUrl ? probeDatabase(databaseUrl) : Promise.resolve(undefined),
    ]);
    computeLag(statuses, targets, database, Date.now());
    if (values.json) printJson(io, { components: statuses, database });
    else io.out(formatStatus(statuses, database));
    const healthy = statuses.every((s) => s.up && s.ready) && (database?.up ?? true);
    return healthy ? 0 : 1;
  },
};
