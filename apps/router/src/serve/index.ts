export { ClientClosedError, ServingOptionsError } from './errors.ts';
export { ExternalForwarder, type ExternalForwarderOptions } from './external-forwarder.ts';
export { RouterPages } from './pages.ts';
export { type Target, type UpstreamPoolOptions, UpstreamPools } from './upstream-pools.ts';
