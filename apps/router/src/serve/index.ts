export { ClientClosedError, ServingOptionsError } from './errors.ts';
export { Forwarder, type ForwarderOptions, type NextTarget } from './forward.ts';
export {
  createServingServer,
  type OnRequest,
  type OnUpgrade,
  type ServingServer,
  type ServingServerOptions,
} from './http-server.ts';
export {
  CountingMetrics,
  type ForwardMetrics,
  noopMetrics,
  OUTCOME_NAMES,
  Outcome,
  type OutcomeCode,
} from './metrics.ts';
export { Peers } from './peers.ts';
export { checkRequest, isValidHostHeader } from './request-checks.ts';
export { isValidRequestId, RequestIds } from './request-id.ts';
export { buildPage, type Page, Pages, sendPage, writeRawPage } from './responses.ts';
export { UpgradeProxy, type UpgradeProxyOptions } from './upgrade.ts';
export { type Target, type UpstreamPoolOptions, UpstreamPools } from './upstream-pools.ts';
