import { createTestDatabase, type TestDatabase } from '@switchyard/service-db/testing';
import { afterAll, beforeAll } from 'vitest';

/**
 * A fresh, migrated database for the calling test file: created in `beforeAll` (registered now, so it
 * runs before hooks registered after this call) and dropped in `afterAll`. Read `url` from hooks and tests.
 */
export function useTestDatabase(): TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  return {
    get url(): string {
      if (!database) throw new Error('the test database exists only once beforeAll has run');
      return database.url;
    },
    drop: async () => {
      await database?.drop();
    },
  };
}
