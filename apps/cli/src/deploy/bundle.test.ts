import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { type RenderedFile, renderBundles } from './bundle.ts';
import { parseEnvFile } from './env-files.ts';
import { parseInventory } from './inventory.ts';
import { DEPLOY_DIR } from './templates.ts';

async function renderExample(): Promise<Map<string, RenderedFile>> {
  const text = await readFile(`${DEPLOY_DIR}inventory.example.yaml`, 'utf8');
  const files = await renderBundles(parseInventory(text, 'inventory.example.yaml'));
  return new Map(files.map((f) => [f.path, f]));
}

function file(files: Map<string, RenderedFile>, path: string): RenderedFile {
  const found = files.get(path);
  if (!found) throw new Error(`not rendered: ${path}\n${[...files.keys()].join('\n')}`);
  return found;
}

describe('renderBundles (example inventory)', () => {
  it('renders one unit and EnvironmentFile per role of each host, sysctl, Vector and host.json', async () => {
    const files = await renderExample();
    const hostFiles = [...files.keys()].filter((p) => p.startsWith('oregon-router-1/')).sort();
    expect(hostFiles).toEqual([
      'oregon-router-1/host.json',
      'oregon-router-1/rootfs/etc/logrotate.d/switchyard-router',
      'oregon-router-1/rootfs/etc/switchyard/activator.env',
      'oregon-router-1/rootfs/etc/switchyard/router-blue.env',
      'oregon-router-1/rootfs/etc/switchyard/router-green.env',
      'oregon-router-1/rootfs/etc/switchyard/router.env',
      'oregon-router-1/rootfs/etc/sysctl.d/60-switchyard.conf',
      'oregon-router-1/rootfs/etc/systemd/system/switchyard-activator.service',
      'oregon-router-1/rootfs/etc/systemd/system/switchyard-router@.service',
      'oregon-router-1/rootfs/etc/vector/vector.yaml',
    ]);
    expect(JSON.parse(file(files, 'oregon-router-1/host.json').content)).toEqual({
      name: 'oregon-router-1',
      region: 'oregon',
      address: '10.21.0.21',
      roles: ['router', 'activator'],
      units: ['switchyard-router@blue.service', 'switchyard-activator.service'],
      user: 'switchyard',
      routerStateDir: '/var/lib/switchyard/router',
      routerSlots: { blue: '10.21.0.21:9090', green: '10.21.0.21:9093' },
    });
  });

  it("points a router at its region's caches and its region's activators", async () => {
    const files = await renderExample();
    const env = file(files, 'oregon-router-1/rootfs/etc/switchyard/router.env');
    expect(env.mode).toBe(0o640);
    expect(parseEnvFile(env.content)).toEqual({
      SWITCHYARD_CACHES: '10.21.0.11:50051,10.21.0.12:50051',
      SWITCHYARD_REGION: 'oregon',
      SWITCHYARD_ROUTER_LISTEN: '0.0.0.0:80',
      SWITCHYARD_ROUTER_STATE_DIR: '/var/lib/switchyard/router',
      SWITCHYARD_ROUTER_DRAIN_TIMEOUT: '10000ms',
      SWITCHYARD_ROUTER_ACCESS_LOG: '/var/log/switchyard/access.log',
      SWITCHYARD_ACTIVATOR: '10.21.0.21:8081',
      SWITCHYARD_CACHE_TOKEN_FILE: '/etc/switchyard/cache-token',
    });
    // The two slots of a roll differ only in their admin address.
    expect(parseEnvFile(file(files, 'oregon-router-1/rootfs/etc/switchyard/router-green.env').content)).toEqual({
      SWITCHYARD_ROUTER_ADMIN: '10.21.0.21:9093',
    });
    // oregon-router-2 has no activator of its own: the same list as every router of the region.
    const other = parseEnvFile(file(files, 'oregon-router-2/rootfs/etc/switchyard/router.env').content);
    expect(other.SWITCHYARD_ACTIVATOR).toBe('10.21.0.21:8081');
    const frankfurt = parseEnvFile(file(files, 'frankfurt-router-1/rootfs/etc/switchyard/router.env').content);
    expect(frankfurt.SWITCHYARD_CACHES).toBe('10.22.0.11:50051,10.22.0.12:50051');
  });

  it('gives the certificate manager its own database role, the ACME account and the platform key', async () => {
    const files = await renderExample();
    expect(parseEnvFile(file(files, 'oregon-cache-1/rootfs/etc/switchyard/certs.env').content)).toEqual({
      SWITCHYARD_DATABASE_URL: 'postgres://switchyard_certs:CHANGE-ME@10.20.0.5:5432/switchyard',
      SWITCHYARD_ACME_DIRECTORY: 'https://acme-v02.api.letsencrypt.org/directory',
      SWITCHYARD_ACME_ACCOUNT_KEY: '/var/lib/switchyard-certs/account.key',
      SWITCHYARD_ACME_CONTACT: 'mailto:ops@example.com',
      SWITCHYARD_CERT_KEY_FILE: '/etc/switchyard/platform.key',
      SWITCHYARD_CERTS_ADMIN: '10.21.0.11:9094',
    });
    const unit = file(files, 'oregon-cache-1/rootfs/etc/systemd/system/switchyard-certs.service').content;
    expect(unit).toContain('switchyard.js certs');
    expect(unit).toContain('StateDirectory=switchyard-certs');
  });

  it('gives caches the database URL and their own addresses, activators the scaler settings and the token', async () => {
    const files = await renderExample();
    expect(parseEnvFile(file(files, 'frankfurt-cache-2/rootfs/etc/switchyard/cache.env').content)).toEqual({
      SWITCHYARD_DATABASE_URL: 'postgres://switchyard_cache:CHANGE-ME@10.20.0.5:5432/switchyard',
      SWITCHYARD_REGION: 'frankfurt',
      SWITCHYARD_CACHE_LISTEN: '10.22.0.12:50051',
      SWITCHYARD_CACHE_ADMIN: '10.22.0.12:9091',
      SWITCHYARD_CACHE_TOKEN_FILE: '/etc/switchyard/cache-token',
    });
    expect(parseEnvFile(file(files, 'frankfurt-router-1/rootfs/etc/switchyard/activator.env').content)).toEqual({
      SWITCHYARD_CACHES: '10.22.0.11:50051,10.22.0.12:50051',
      SWITCHYARD_REGION: 'frankfurt',
      SWITCHYARD_ACTIVATOR_LISTEN: '10.22.0.21:8081',
      SWITCHYARD_ACTIVATOR_ADMIN: '10.22.0.21:9092',
      SWITCHYARD_ACTIVATOR_SCALER: 'http',
      SWITCHYARD_ACTIVATOR_ORCHESTRATOR: 'http://10.20.0.9:7070',
      SWITCHYARD_ACTIVATOR_IDLE_TIMEOUT: '15m',
      // The caches require the token: the activator sends it as the routers do.
      SWITCHYARD_CACHE_TOKEN_FILE: '/etc/switchyard/cache-token',
    });
  });

  it('fills the router unit: user, hardening, capability, drain-covering stop timeout, its env files', async () => {
    const files = await renderExample();
    const unit = file(files, 'oregon-router-1/rootfs/etc/systemd/system/switchyard-router@.service').content;
    expect(unit).not.toMatch(/\{\{/);
    for (const line of [
      'User=switchyard',
      'Restart=always',
      'LimitNOFILE=1048576',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'ReadWritePaths=/var/lib/switchyard/router',
      'PrivateTmp=yes',
      'AmbientCapabilities=CAP_NET_BIND_SERVICE',
      'KillSignal=SIGTERM',
      'TimeoutStopSec=25',
      'EnvironmentFile=/etc/switchyard/router.env',
      'EnvironmentFile=/etc/switchyard/router-%i.env',
      'ExecStart=/opt/switchyard/node/bin/node /opt/switchyard/app/apps/cli/bin/switchyard.js router',
    ]) {
      expect(unit.split('\n')).toContain(line);
    }
  });

  it('writes a scrape config with one target per host and role, labelled by region and host', async () => {
    const files = await renderExample();
    const config = parseYaml(file(files, 'observability/prometheus.yml').content) as {
      rule_files: string[];
      scrape_configs: { job_name: string; static_configs: { targets: string[]; labels: Record<string, string> }[] }[];
    };
    expect(config.rule_files).toEqual(['alerts.yml']);
    const targets = Object.fromEntries(
      config.scrape_configs.map((job) => [
        job.job_name,
        job.static_configs.map(
          (g) =>
            `${g.labels.region}/${g.labels.host}${g.labels.slot ? `/${g.labels.slot}` : ''}=${g.targets.join(',')}`,
        ),
      ]),
    );
    expect(targets).toEqual({
      'switchyard-router': [
        'oregon/oregon-router-1/blue=10.21.0.21:9090',
        'oregon/oregon-router-1/green=10.21.0.21:9093',
        'oregon/oregon-router-2/blue=10.21.0.22:9090',
        'oregon/oregon-router-2/green=10.21.0.22:9093',
        'frankfurt/frankfurt-router-1/blue=10.22.0.21:9090',
        'frankfurt/frankfurt-router-1/green=10.22.0.21:9093',
      ],
      'switchyard-cache': [
        'oregon/oregon-cache-1=10.21.0.11:9091',
        'oregon/oregon-cache-2=10.21.0.12:9091',
        'frankfurt/frankfurt-cache-1=10.22.0.11:9091',
        'frankfurt/frankfurt-cache-2=10.22.0.12:9091',
      ],
      'switchyard-activator': [
        'oregon/oregon-router-1=10.21.0.21:9092',
        'frankfurt/frankfurt-router-1=10.22.0.21:9092',
      ],
      'switchyard-certs': ['oregon/oregon-cache-1=10.21.0.11:9094', 'frankfurt/frankfurt-cache-1=10.22.0.11:9094'],
    });
    expect(files.has('observability/alerts.yml')).toBe(true);
    expect(files.has('observability/grafana-dashboard.json')).toBe(true);
    const logs = JSON.parse(file(files, 'observability/grafana-access-logs.json').content) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    const panel = logs.panels.find((p) => p.title === 'Requests by status and p99 for one service');
    // Selected by stream labels, filtered on the service id as structured metadata (never a label).
    for (const t of panel?.targets ?? [])
      expect(t.expr).toContain('{region=~"$region", stream="access"} | service_id="$service"');
    expect(panel?.targets.map((t) => t.expr).join(' ')).toContain('unwrap durationMs');
  });

  it("ships both router slots' logs", async () => {
    const files = await renderExample();
    const vector = parseYaml(file(files, 'oregon-router-1/rootfs/etc/vector/vector.yaml').content) as {
      sources: { switchyard_journal: { include_units: string[] } };
    };
    expect(vector.sources.switchyard_journal.include_units).toEqual([
      'switchyard-router@blue.service',
      'switchyard-router@green.service',
      'switchyard-activator.service',
    ]);
  });

  it('ships a router host’s access log to Loki with the service id as structured metadata, not a label', async () => {
    const files = await renderExample();
    const vector = parseYaml(file(files, 'oregon-router-1/rootfs/etc/vector/vector.yaml').content) as {
      sources: Record<string, { type: string; include?: string[] }>;
      sinks: Record<string, { labels: Record<string, string>; structured_metadata?: Record<string, string> }>;
    };
    expect(vector.sources.switchyard_access).toMatchObject({
      type: 'file',
      include: ['/var/log/switchyard/access.log'],
    });
    expect(vector.sinks.loki_access?.labels).toEqual({
      region: '{{ region }}',
      host: '{{ host_name }}',
      stream: 'access',
    });
    expect(vector.sinks.loki_access?.structured_metadata).toEqual({
      service_id: '{{ serviceId }}',
      trace_id: '{{ traceId }}',
    });
    expect(file(files, 'oregon-router-1/rootfs/etc/logrotate.d/switchyard-router').content).toContain(
      "systemctl reload 'switchyard-router@*.service'",
    );
    const cache = parseYaml(file(files, 'frankfurt-cache-1/rootfs/etc/vector/vector.yaml').content) as {
      sources: Record<string, unknown>;
    };
    expect(Object.keys(cache.sources)).toEqual(['switchyard_journal']);
  });

  it("ships each host's units' journald logs to Loki labelled region, host, unit", async () => {
    const files = await renderExample();
    const vector = parseYaml(file(files, 'frankfurt-cache-1/rootfs/etc/vector/vector.yaml').content) as {
      sources: { switchyard_journal: { type: string; include_units: string[] } };
      transforms: { switchyard_labels: { source: string } };
      sinks: { loki: { type: string; endpoint: string; labels: Record<string, string> } };
    };
    expect(vector.sources.switchyard_journal).toMatchObject({
      type: 'journald',
      include_units: ['switchyard-cache.service', 'switchyard-certs.service'],
    });
    expect(vector.transforms.switchyard_labels.source).toContain('.region = "frankfurt"');
    expect(vector.transforms.switchyard_labels.source).toContain('.host = "frankfurt-cache-1"');
    expect(vector.sinks.loki).toMatchObject({
      type: 'loki',
      endpoint: 'http://10.20.0.7:3100',
      labels: { region: '{{ region }}', host: '{{ host }}', unit: '{{ unit }}' },
    });
  });

  it('escapes quotes and backslashes in EnvironmentFile values and reads them back', async () => {
    const text = (await readFile(`${DEPLOY_DIR}inventory.example.yaml`, 'utf8')).replace(
      'postgres://switchyard_cache:CHANGE-ME@',
      'postgres://switchyard_cache:a"b\\c$d@',
    );
    const files = new Map((await renderBundles(parseInventory(text, 'x'))).map((f) => [f.path, f]));
    const env = file(files, 'oregon-cache-1/rootfs/etc/switchyard/cache.env').content;
    expect(env).toContain(
      'SWITCHYARD_DATABASE_URL="postgres://switchyard_cache:a\\"b\\\\c\\$d@10.20.0.5:5432/switchyard"',
    );
    expect(parseEnvFile(env).SWITCHYARD_DATABASE_URL).toBe(
      'postgres://switchyard_cache:a"b\\c$d@10.20.0.5:5432/switchyard',
    );
  });
});
