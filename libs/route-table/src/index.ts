export {
  InvalidHostnameError,
  InvalidRecordError,
  InvalidTableImageError,
  RouteTableError,
  TableTooLargeError,
} from './errors.ts';
export {
  ackMessage,
  HandoverTracker,
  handoverMessage,
  isAckMessage,
  isHandoverMessage,
  type TableAckMessage,
  type TableHandoverMessage,
} from './handover.ts';
export { normalizeHostname } from './hostname.ts';
export {
  allocateForImage,
  checkImage,
  imageByteLength,
  imageSectionBytes,
  imageSections,
  imageShape,
  TABLE_LAYOUT_VERSION,
  type TableImageShape,
} from './image.ts';
export {
  KIND_STATIC,
  KIND_WEB,
  PLAN_FREE,
  PLAN_PAID,
  STATE_ACTIVE,
  STATE_SUSPENDED,
  type TableHandle,
} from './layout.ts';
export { MATCH_EXACT, MATCH_NONE, MATCH_WILDCARD, MISS, RouteTableReader } from './reader.ts';
export type { InstanceInput, ServiceRecord } from './record.ts';
export {
  allocateSharedBuild,
  type BatchOutcome,
  type BuildCounters,
  finishSharedBuild,
  SharedBuilder,
} from './shared-build.ts';
export {
  type HandoverListener,
  type RouteDelta,
  type RouteTableSizing,
  type RouteTableStats,
  RouteTableWriter,
} from './writer.ts';
