import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Activator, startActivator, withActivatorDefaults } from '@switchyard/activator';
import type { CacheServer } from '@switchyard/cache-server';
import { type CertManager, startCertManager, withCertsDefaults } from '@switchyard/certs';
import { OUTCOME_NAMES, type Router } from '@switchyard/router';
import { silentLogger } from '@switchyard/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEPLOY_DIR } from '../src/deploy/templates.ts';
import { useTestDatabase } from './support/database.ts';
import { startTestCache, startTestRouter } from './support/stack.ts';

// The dashboard and the alert rules must query series the apps really export: a real cache, router,
// activator and certificate manager are started and their /metrics scraped.
const database = useTestDatabase();
let cache: CacheServer;
let router: Router;
let activator: Activator;
let certs: CertManager;
let certsDir: string;
/** Every series name the components declare (histograms expanded to _bucket/_sum/_count). */
const exported = new Set<string>(['up']);
const exportedByComponent: Record<string, Set<string>> = {};

async function scrape(component: string, adminAddress: string): Promise<void> {
  const response = await fetch(`http://${adminAddress}/metrics`);
  expect(response.status).toBe(200);
  const names = new Set<string>();
  for (const match of (await response.text()).matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name, type] = match as unknown as [string, string, string];
    names.add(name);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
    if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(`${name}${suffix}`);
  }
  exportedByComponent[component] = names;
  for (const name of names) exported.add(name);
}

beforeAll(async () => {
  cache = await startTestCache(database.url);
  router = await startTestRouter(cache, { drainTimeoutMs: 1_000 });
  activator = await startActivator(
    withActivatorDefaults({
      caches: [cache.grpcAddress],
      region: 'eu',
      listen: '127.0.0.1:0',
      admin: '127.0.0.1:0',
      scaler: 'process',
    }),
    { logger: silentLogger() },
  );
  await activator.ready;
  // No hostname is due: the manager never contacts the (unreachable) directory.
  certsDir = await mkdtemp(join(tmpdir(), 'observability-certs-'));
  await writeFile(join(certsDir, 'platform.key'), randomBytes(32).toString('hex'));
  certs = await startCertManager(
    withCertsDefaults({
      databaseUrl: database.url,
      acmeDirectory: 'https://127.0.0.1:9/dir',
      accountKeyFile: join(certsDir, 'account.key'),
      contact: ['mailto:ops@example.com'],
      certKeyFile: join(certsDir, 'platform.key'),
      admin: '127.0.0.1:0',
    }),
    { logger: silentLogger() },
  );
  await scrape('certs', certs.adminAddress);
  await scrape('cache', cache.adminAddress);
  await scrape('router', router.adminAddress);
  await scrape('activator', activator.adminAddress);
}, 60_000);

afterAll(async () => {
  await certs?.close();
  if (certsDir) await rm(certsDir, { recursive: true, force: true });
  await activator?.close();
  await router?.close();
  await cache?.close();
});

/** Series names a PromQL expression selects (ours are all prefixed `switchyard_`; `up` is Prometheus' own). */
function seriesIn(expr: string): string[] {
  const names = [...expr.matchAll(/\b(switchyard_[a-z0-9_]+)\b/g)].map((m) => m[1] as string);
  if (/\bup\{/.test(expr)) names.push('up');
  return names;
}

interface Panel {
  title: string;
  type: string;
  targets?: { expr: string }[];
}

describe('Grafana dashboard (deploy/observability/grafana-dashboard.json)', () => {
  it('is valid JSON whose every query names exported series only', async () => {
    const dashboard = JSON.parse(await readFile(`${DEPLOY_DIR}observability/grafana-dashboard.json`, 'utf8')) as {
      uid: string;
      panels: Panel[];
    };
    expect(dashboard.uid).toBe('switchyard-fleet');
    const queries = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));
    expect(queries.length).toBeGreaterThan(15);
    const unknown = queries.flatMap((q) =>
      seriesIn(q.expr)
        .filter((n) => !exported.has(n))
        .map((n) => `${q.panel}: ${n}`),
    );
    expect(unknown).toEqual([]);
    for (const q of queries) expect(seriesIn(q.expr).length, q.panel).toBeGreaterThan(0);
  });

  it('has the panels on-call opens first, each fed by the component that owns them', async () => {
    const dashboard = JSON.parse(await readFile(`${DEPLOY_DIR}observability/grafana-dashboard.json`, 'utf8')) as {
      panels: Panel[];
    };
    const exprOf = (title: string) => {
      const panel = dashboard.panels.find((p) => p.title === title);
      expect(panel, title).toBeDefined();
      return (panel?.targets ?? []).map((t) => t.expr).join(' ');
    };
    const owns = (component: string, title: string) => {
      for (const name of seriesIn(exprOf(title))) {
        if (name.startsWith(`switchyard_${component}_`))
          expect(exportedByComponent[component]?.has(name), name).toBe(true);
      }
      expect(
        seriesIn(exprOf(title)).some((n) => n.startsWith(`switchyard_${component}_`)),
        title,
      ).toBe(true);
    };
    owns('router', 'Requests/s per region');
    owns('router', 'Status mix per region');
    owns('router', 'p99 request time per region');
    owns('router', 'Route table version per router');
    owns('router', 'Sync lag per router');
    owns('cache', 'Watch subscribers per cache');
    owns('cache', 'Database connectivity');
    owns('activator', 'Cold starts/s');
  });
});

describe('alert rules (deploy/observability/alerts.yml)', () => {
  it('name exported series only, and outcome and status values the router really uses', async () => {
    const rules = parseYaml(await readFile(`${DEPLOY_DIR}observability/alerts.yml`, 'utf8')) as {
      groups: { rules: { alert: string; expr: string }[] }[];
    };
    const all = rules.groups.flatMap((g) => g.rules);
    expect(all.length).toBeGreaterThan(10);
    const unknown = all.flatMap((r) =>
      seriesIn(r.expr)
        .filter((n) => !exported.has(n))
        .map((n) => `${r.alert}: ${n}`),
    );
    expect(unknown).toEqual([]);
    const outcomes = OUTCOME_NAMES.map((n) => n.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
    for (const rule of all) {
      for (const m of rule.expr.matchAll(/outcome=~"([^"]+)"/g)) {
        for (const value of (m[1] as string).split('|')) expect(outcomes, rule.alert).toContain(value);
      }
      for (const m of rule.expr.matchAll(/status="([^"]+)"/g))
        expect(['1xx', '2xx', '3xx', '4xx', '5xx']).toContain(m[1]);
    }
  });
});
