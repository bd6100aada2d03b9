import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Gauge, type Registry } from 'prom-client';

/** What a running process is: the Switchyard release and the Node it runs on. */
export interface BuildInfo {
  /** `version` of the repository's root package.json (every package of a release shares it); `unknown` if not found. */
  version: string;
  /** `process.versions.node`. */
  node: string;
}

const ROOT_PACKAGE_NAME = 'switchyard';
let cached: BuildInfo | undefined;

/** Read once per process: the root package.json is found upward from this module (src/ or dist/ alike). */
export function buildInfo(): BuildInfo {
  cached ??= {
    version: findRootVersion(dirname(fileURLToPath(import.meta.url))) ?? 'unknown',
    node: process.versions.node,
  };
  return cached;
}

function findRootVersion(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === ROOT_PACKAGE_NAME && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // no (readable) package.json here: keep looking
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** `switchyard_build_info{component, version, node} 1`: the build of whatever answers this registry's /metrics. */
export function registerBuildInfo(registry: Registry, component: string): void {
  const info = buildInfo();
  const gauge = new Gauge({
    name: 'switchyard_build_info',
    help: 'Always 1; the labels say which Switchyard release (root package.json version) and Node run this process.',
    labelNames: ['component', 'version', 'node'],
    registers: [registry],
  });
  gauge.set({ component, version: info.version, node: info.node }, 1);
}
