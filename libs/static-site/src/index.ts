export { contentTypeFor, DEFAULT_CONTENT_TYPE } from './content-type.ts';
export { RuleError, type RuleList, StaticOptionsError, StaticSiteError, type StaticSiteErrorCode } from './errors.ts';
export {
  type CachedObject,
  type HotCacheOptions,
  type HotCacheStats,
  HotObjectCache,
  type ObjectMeta,
} from './hot-cache.ts';
export { isNotModified, noneMatch, parseRange, quoteEtag, type RangeResult } from './http.ts';
export {
  noopStaticMetrics,
  STATIC_EVENT_NAMES,
  StaticEvent,
  type StaticEventCode,
  type StaticMetrics,
} from './metrics.ts';
export { isRouterOwnedHeader, ROUTER_OWNED_HEADER_PREFIXES, ROUTER_OWNED_RESPONSE_HEADERS } from './owned-headers.ts';
export { type NormalisedPath, normalisePath, splitTarget } from './path.ts';
export { compileHeaderPattern, compileSource } from './patterns.ts';
export {
  type CompiledHeaderRule,
  type CompiledRule,
  type CompiledSite,
  compileHeaderRule,
  compileRule,
  compileSite,
  compileSiteBlob,
  encodePath,
  type HeaderRuleFields,
  type OwnedHeaderPolicy,
  type RuleAction,
  type RuleFields,
  type RuleMatch,
  withQuery,
} from './rules.ts';
export { type Plan, type ProxyTo, type SiteRef, StaticHandler, type StaticHandlerOptions } from './serve.ts';
export { buildPrefix, type StaticStore } from './store.ts';
