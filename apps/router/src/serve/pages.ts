import { buildPage, type Page } from '@switchyard/http1';

/** The router's own answers for routing decisions that are not forwarded (the engine has the rest). */
export const RouterPages = {
  noSuchHost: buildPage(404, 'Not Found', 'no service is configured for this host name.'),
  suspended: buildPage(503, 'Service Unavailable', 'this service is suspended.'),
  noInstance: buildPage(503, 'Service Unavailable', 'the service has no instance ready.'),
  staticUpgrade: buildPage(501, 'Not Implemented', 'static sites do not accept protocol upgrades (WebSocket).'),
  noStaticStore: buildPage(
    503,
    'Service Unavailable',
    'this is a static site and this router has no object store configured (--static-store).',
  ),
} as const satisfies Record<string, Page>;
