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
// The serving path, for other HTTP front ends that forward the same way (the activator).
export {
  buildPage,
  createServingServer,
  Forwarder,
  type ForwardMetrics,
  OUTCOME_NAMES,
  type OutcomeCode,
  type Page,
  RequestIds,
  type ServingServer,
  sendPage,
  type Target,
  UpgradeProxy,
  UpstreamPools,
  writeRawPage,
} from './serve/index.ts';
export { type HeldTable, SnapshotStore } from './snapshot-store.ts';
export { Supervisor, type SupervisorOptions, type WorkerStatus } from './supervisor.ts';
export { SyncClient, type SyncClientConfig, type SyncSink, type SyncStatus } from './sync-client.ts';
export type { LoadedTable } from './table-file.ts';
export { TableKeeper } from './table-keeper.ts';
