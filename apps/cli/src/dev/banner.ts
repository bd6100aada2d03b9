import { parseAddress } from '@switchyard/config';
import { formatTable } from '../output.ts';
import type { DevConfig } from './config.ts';
import { DEMO_SERVICE, DOCS_SERVICE, SLEEPY_SERVICE } from './demo.ts';
import type { DevStack } from './stack.ts';

const LOOPBACK = new Set(['127.0.0.1', '0.0.0.0', '::1', '::', 'localhost']);

/** A ready-to-paste curl for `hostname` through the router (curl resolves *.localhost to loopback). */
function curlFor(hostname: string, listen: string, path = '/', options = '', scheme = 'http'): string {
  const { host, port } = parseAddress(listen, '--listen');
  const curl = options ? `curl ${options} ` : 'curl ';
  if (LOOPBACK.has(host)) return `${curl}${scheme}://${hostname}:${port}${path}`;
  if (scheme === 'https')
    return `${curl}--connect-to ${hostname}:${port}:${listen} ${scheme}://${hostname}:${port}${path}`;
  return `${curl}-H 'Host: ${hostname}' ${scheme}://${listen}${path}`;
}

/** What `dev` prints once everything is ready: what to try, where things are, what to run next. */
export function formatBanner(config: DevConfig, stack: DevStack): string {
  const { state, demoService, demo } = stack;
  const sections: string[] = [`Switchyard is running (region "${config.region}"). Ctrl-C stops everything.`];

  const at = config.routerListen;
  const rows: string[][] = [];
  if (demoService) {
    const wildcardExample = DEMO_SERVICE.hostnames[1].replace('*', 'api');
    rows.push(
      [`${DEMO_SERVICE.hostnames[0]} (paid, 2 instances)`, curlFor(DEMO_SERVICE.hostnames[0], at)],
      [`${DEMO_SERVICE.hostnames[1]} (wildcard)`, curlFor(wildcardExample, at)],
      [
        `${DEMO_SERVICE.hostnames[0]} over HTTPS`,
        curlFor(DEMO_SERVICE.hostnames[0], config.routerListenTls, '/', `--cacert ${state.tlsCa}`, 'https'),
      ],
    );
  }
  if (demo.sleepy) {
    rows.push([
      `${SLEEPY_SERVICE.hostname} (free: the first request wakes it, ~1 s; idle ${config.idleTimeout}: stopped)`,
      curlFor(SLEEPY_SERVICE.hostname, at),
    ]);
  }
  if (demo.docs) {
    const docs = DOCS_SERVICE.hostname;
    rows.push(
      [`${docs} (static site)`, curlFor(docs, at)],
      ['  a redirect rule (301)', curlFor(docs, at, '/old-guide', '-i')],
      ['  a rewrite rule (200)', curlFor(docs, at, '/app/settings')],
      [
        '  a header rule, the 404 page',
        `${curlFor(docs, at, '/assets/style.css', '-I')} ; ${curlFor(docs, at, '/nope')}`,
      ],
    );
  }
  if (rows.length > 0) sections.push(formatTable([['DEMO', 'TRY'], ...rows]));
  if (state.certs) {
    const { port } = parseAddress(config.routerListenTls, '--listen-tls');
    sections.push(
      [
        'Automatic certificates: the certificate manager orders from a local Pebble (names ending in .localhost keep the dev CA):',
        `  npx switchyard hostname add ${demoService?.id ?? 'SERVICE_ID'} shop.test && npx switchyard cert status shop.test`,
        `  curl --cacert ${state.certs.pebbleRoot} --connect-to shop.test:${port}:127.0.0.1:${port} https://shop.test:${port}/`,
      ].join('\n'),
    );
  }
  if (stack.notes.length > 0) sections.push(stack.notes.map((note) => `Note: ${note}`).join('\n'));

  sections.push(
    formatTable([
      ['COMPONENT', 'PID', 'SERVES', 'ADMIN (/healthz /readyz /metrics)'],
      [
        'router',
        String(state.router.pid),
        `http://${state.router.listen} https://${state.router.listenTls}`,
        `http://${state.router.admin}/metrics`,
      ],
      ...state.caches.map((c) => [c.name, String(c.pid), `grpc ${c.listen}`, `http://${c.admin}/metrics`]),
      ...(state.activator
        ? [
            [
              'activator',
              String(state.activator.pid),
              `http://${state.activator.listen}`,
              `http://${state.activator.admin}/metrics`,
            ],
          ]
        : []),
      ...(state.certs
        ? [
            [
              'certs (ACME)',
              String(state.certs.pid),
              `Pebble ${state.certs.directory}`,
              `http://${state.certs.admin}/metrics`,
            ],
          ]
        : []),
      ['postgres', String(state.postgres.pid), `127.0.0.1:${state.postgres.port}`, '-'],
      ['demo instances', String(state.pid), config.demoPorts.map((p) => `127.0.0.1:${p}`).join(' '), '-'],
    ]),
  );

  const idHint = demoService ? demoService.id : 'SERVICE_ID';
  sections.push(
    [
      `Database:  ${state.databaseUrl}`,
      `Logs:      ${stack.logDir}/`,
      ...(state.staticStore ? [`Static:    ${state.staticStore}  (object store of static sites)`] : []),
      `HTTPS CA:  ${state.tlsCa}  (a CA made for this machine only; to trust it system-wide on Debian/Ubuntu:`,
      `           sudo cp ${state.tlsCa} /usr/local/share/ca-certificates/switchyard-dev.crt && sudo update-ca-certificates)`,
      `Elsewhere: export SWITCHYARD_DATABASE_URL=${state.databaseUrl}`,
    ].join('\n'),
  );
  const { port } = parseAddress(config.routerListen, '--listen');
  const next: [string, string][] = [
    [
      `npx switchyard route explain http://api.${DEMO_SERVICE.hostnames[0]}:${port}/`,
      'how the router routes it, and why',
    ],
    ['npx switchyard status', 'every component: ready?, version, lag'],
    ['npx switchyard service list', 'what the database holds'],
    [
      `npx switchyard hostname add ${idHint} hi.localhost && ${curlFor('hi.localhost', config.routerListen)}`,
      'served well under a second later',
    ],
    [
      `kill ${state.caches[0]?.pid ?? 'CACHE_PID'}`,
      `stop ${state.caches[0]?.name ?? 'a cache'}: the router fails over, routing continues`,
    ],
  ];
  // Long commands (the hostname one) do not push every comment far right.
  const width = Math.max(...next.map(([command]) => command.length).filter((n) => n <= 60));
  sections.push(
    [
      'Next (in another terminal; under this directory the CLI finds this stack by itself while dev runs):',
      ...next.map(([command, why]) => `  ${command.padEnd(width)}  # ${why}`),
    ].join('\n'),
  );
  return `\n${sections.join('\n\n')}\n`;
}
