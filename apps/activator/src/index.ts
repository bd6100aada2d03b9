export {
  ACTIVATOR_DEFAULTS,
  type ActivatorConfig,
  activatorHelp,
  parseActivatorConfig,
  SCALER_KINDS,
  type ScalerKind,
  withActivatorDefaults,
} from './config.ts';
export { ActivatorConfigError, ActivatorError, ScalerRefError, WakeFailedError, WakeTimeoutError } from './errors.ts';
export type { LifecycleState, LifecycleView } from './lifecycle.ts';
export { type Activator, type ActivatorDeps, startActivator } from './main.ts';
export { REFUSALS, type Refusal } from './metrics.ts';
export { HttpScaler, type HttpScalerOptions } from './scalers/http.ts';
export { ProcessScaler, type ProcessScalerOptions } from './scalers/process.ts';
export { type ProcessSpec, parseProcessRef } from './scalers/process-ref.ts';
export type { RunningInstance, ScaledService, Scaler } from './scalers/scaler.ts';
export { type FreeService, ServiceDirectory } from './service-directory.ts';
