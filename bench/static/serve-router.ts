// The router's serving threads over a route table holding one static site, without a cache server
// or database: what bench/static/run.ts measures (the static path alone, as `serving-only.ts` does
// for forwarding).
// Usage: npx node --conditions=source bench/static/serve-router.ts PORT STORE_URL CACHE_BYTES [workers=1]
import type { Service } from '@switchyard/proto';
import { createLogger } from '@switchyard/telemetry';
import { startServingOnly } from '../router/serving-only.ts';

const SITE_HOST = 'site.example';
const SITE_ID = 'bench-site';
const SITE_BUILD = 'b1';

const [port, storeUrl, cacheBytes, workers = '1'] = process.argv.slice(2);
if (port === undefined || storeUrl === undefined || cacheBytes === undefined) {
  console.error('usage: serve-router.ts PORT STORE_URL CACHE_BYTES [workers]');
  process.exit(2);
}
const services: Service[] = [
  {
    id: SITE_ID,
    kind: 2, // static
    plan: 2,
    state: 1,
    hostnames: [SITE_HOST],
    staticSite: { activeBuildId: SITE_BUILD, rules: [], headerRules: [] },
  },
];
// Warnings and errors (a serving thread that died) go to stdout as JSON lines.
const logger = createLogger('bench-static', { level: 'warn' });
await startServingOnly({
  services,
  port: Number(port),
  workers: Number(workers),
  logger,
  static: {
    storeUrl: storeUrl,
    s3: {},
    cacheBytes: Number(cacheBytes),
    cacheObjectBytes: 256 * 1024,
    assetMaxAgeSeconds: 60,
    proxyRewrites: true,
  },
});
// Keeps the process alive while a dead serving thread is being replaced (the supervisor's timer is unref'd).
setInterval(() => {}, 60_000);
console.log(`serving ${SITE_HOST} on ${port} from ${storeUrl} (cache ${cacheBytes} bytes)`);
