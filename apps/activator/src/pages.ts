import { buildPage, type Page } from '@switchyard/http1';
import type { Refusal } from './metrics.ts';

/** Seconds a client is told to wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 1;

/** The activator's own answers, built like the router's pages, with `retry-after` on the 503s. */
function activatorPage(status: number, reason: string, text: string): Page {
  return buildPage(status, reason, text, status === 503 ? ['retry-after', String(RETRY_AFTER_SECONDS)] : []);
}

export const REFUSAL_PAGES: Record<Refusal, Page> = {
  missingServiceId: activatorPage(
    400,
    'Bad Request',
    'no X-Switchyard-Service-Id header: the activator only serves requests forwarded by a router.',
  ),
  unknownService: activatorPage(404, 'Not Found', 'the activator knows no free web service with this id.'),
  wakeFailed: activatorPage(502, 'Bad Gateway', 'the service failed to start.'),
  queueFull: activatorPage(
    503,
    'Service Unavailable',
    'the service is starting and too many requests are waiting for it; retry.',
  ),
  retired: activatorPage(
    503,
    'Service Unavailable',
    'the service changed (plan, state or deletion) while this request waited; retry.',
  ),
  suspended: activatorPage(503, 'Service Unavailable', 'this service is suspended.'),
  notSynced: activatorPage(503, 'Service Unavailable', 'the activator has not synced with a cache yet; retry.'),
  shuttingDown: activatorPage(503, 'Service Unavailable', 'the activator is shutting down; retry.'),
  wakeTimeout: activatorPage(504, 'Gateway Timeout', 'the service did not start in time.'),
};
