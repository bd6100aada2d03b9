/**
 * What the router decided for a request. Small integers: they index the shared counters.
 */
export const Decision = {
  /** Paid web service: one of its ready instances. */
  instance: 0,
  /** Free web service: the activator. */
  activator: 1,
  /** No service has this hostname: 404. */
  noRoute: 2,
  /** The service is suspended: 503. */
  suspended: 3,
  /** Web service with no ready instance (or free with no activator configured): 503. */
  noInstance: 4,
  /** Static site: the active build's files from object storage (503 when the router has no --static-store). */
  static: 5,
  /** An ACME HTTP-01 challenge in progress for this hostname: answered by the router itself, before routing. */
  acmeChallenge: 6,
} as const;

export type DecisionCode = (typeof Decision)[keyof typeof Decision];

/** Label values, indexed by code. */
export const DECISION_NAMES: readonly string[] = [
  'instance',
  'activator',
  'no_route',
  'suspended',
  'no_instance',
  'static',
  'acme_challenge',
];
