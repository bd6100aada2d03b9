import { collectDefaultMetrics, Registry } from 'prom-client';
import { registerBuildInfo } from './build-info.ts';

export type { Registry } from 'prom-client';

export interface RegistryConfig {
  /** The `component` label of `switchyard_build_info` (`router`, `cache`, `activator`); default `switchyard`. */
  component?: string;
  /** Prefix of the default process metrics (e.g. `switchyard_cache_`); none by default. */
  prefix?: string;
  /** Labels added to every series of this registry. */
  defaultLabels?: Record<string, string>;
  /** Collect the default process metrics (CPU, memory, event loop, GC); default true. */
  processMetrics?: boolean;
}

/**
 * A fresh prom-client registry (never the global one, so two servers in one process, as in
 * tests, do not collide), with the default process metrics and `switchyard_build_info` registered on it.
 */
export function createRegistry(config: RegistryConfig = {}): Registry {
  const registry = new Registry();
  if (config.defaultLabels) registry.setDefaultLabels(config.defaultLabels);
  if (config.processMetrics !== false) {
    collectDefaultMetrics({ register: registry, ...(config.prefix ? { prefix: config.prefix } : {}) });
  }
  registerBuildInfo(registry, config.component ?? 'switchyard');
  return registry;
}
