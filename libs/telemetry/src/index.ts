export { Counter, Gauge, Histogram } from 'prom-client';
export { type AdminRoute, type AdminServer, type AdminServerConfig, startAdminServer } from './admin-server.ts';
export { type BuildInfo, buildInfo } from './build-info.ts';
export { createLogger, type Logger, type LoggerConfig, silentLogger } from './logger.ts';
export { createRegistry, type Registry, type RegistryConfig } from './metrics.ts';
