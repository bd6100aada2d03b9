// Outcome names of the serving path's counters (exported by the router's /metrics).
export { OUTCOME_NAMES } from '@switchyard/http1';
export {
  type AccessFilter,
  AccessFilterError,
  accessFilter,
  parseAccessLine,
} from './access-log/filter.ts';
export type { AccessLine } from './access-log/format.ts';
export {
  CACHE_REGION_METADATA,
  type CacheRefusal,
  classifyRefusal,
  describeRefusal,
  type RefusalKind,
  refusalReporter,
} from './cache-refusal.ts';
export {
  parseRouterConfig,
  ROUTER_DEFAULTS,
  type RouterConfig,
  readCacheCredentials,
  routerHelp,
  withRouterDefaults,
} from './config.ts';
export { DECISION_NAMES, Decision, type DecisionCode } from './decisions.ts';
export { RouterConfigError, RouterError, SnapshotFileError, WorkerStartError } from './errors.ts';
export { type Router, type RouterStatus, startRouter, type TableSource } from './main.ts';
export { type RouteExplanation, SERVICE_ID_HEADER } from './routing.ts';
export { ExternalForwarder, RouterPages, UpstreamPools } from './serve/index.ts';
export { type HeldTable, SnapshotStore } from './snapshot-store.ts';
export { Supervisor, type SupervisorOptions, type WorkerStatus } from './supervisor.ts';
export { SyncClient, type SyncClientConfig, type SyncSink, type SyncStatus } from './sync-client.ts';
export type { LoadedTable } from './table-file.ts';
export { TableKeeper } from './table-keeper.ts';
