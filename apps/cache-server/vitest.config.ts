import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.ts';

// One PostgreSQL for the run; files run one at a time because the resilience tests restart it.
export default mergeConfig(
  sharedConfig,
  defineConfig({ test: { globalSetup: ['@switchyard/service-db/testing/global-setup'], fileParallelism: false } }),
);
