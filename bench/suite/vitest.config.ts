import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.ts';

/** The harness's own tests (`npx vitest run --config bench/suite/vitest.config.ts`; CI runs them). */
export default mergeConfig(
  sharedConfig,
  defineConfig({ root: fileURLToPath(new URL('.', import.meta.url)), test: { include: ['*.test.ts'] } }),
);
