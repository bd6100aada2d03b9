import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.ts';

// Two projects, each with its own embedded PostgreSQL (globalSetup runs per project): the restart test
// stops and starts its server, which would cut the connections of test files running beside it.
const RESTART_TESTS = ['test/restart.test.ts'];
const GLOBAL_SETUP = ['@switchyard/service-db/testing/global-setup'];

function project(name: string, files: { include?: string[]; exclude?: string[] }): TestProjectInlineConfiguration {
  return {
    extends: false, // inline projects inherit the root config (and concatenate `include`) otherwise
    resolve: sharedConfig.resolve,
    ssr: sharedConfig.ssr,
    test: { ...sharedConfig.test, name, globalSetup: GLOBAL_SETUP, ...files },
  };
}

export default defineConfig({
  ...sharedConfig,
  test: {
    ...sharedConfig.test,
    projects: [
      project('service-db', { exclude: [...configDefaults.exclude, ...RESTART_TESTS] }),
      project('restart', { include: RESTART_TESTS }),
    ],
  },
});
