export {
  addHostname,
  addInstance,
  createService,
  createStaticBuild,
  deleteService,
  getService,
  listServices,
  listStaticBuilds,
  moveHostname,
  removeHostname,
  removeInstance,
  type ServiceInput,
  type ServicePatch,
  type ServiceRecord,
  type StaticBuildRecord,
  setActiveBuild,
  setInstanceReady,
  setRules,
  updateService,
} from './admin.ts';
export {
  CHANGELOG_READ_SQL,
  type ChangeBatch,
  pruneChanges,
  ROUTE_CHANGES_CHANNEL,
  readChanges,
} from './change-feed.ts';
export {
  type EmbeddedPostgresOptions,
  type EmbeddedPostgresServer,
  findFreePort,
  startEmbeddedPostgres,
} from './embedded.ts';
export {
  ConflictError,
  MigrationError,
  mapPgError,
  NotFoundError,
  SwitchyardDbError,
  type SwitchyardDbErrorCode,
  ValidationError,
} from './errors.ts';
export { MIGRATIONS_DIR, migrate, readMigrations } from './migrate.ts';
export { type Queryable, withTransaction } from './queryable.ts';
export { loadRegionSnapshot, loadServices, SNAPSHOT_PAGE_SIZE, toServiceRecord } from './records.ts';
export { DEFAULT_SEED_REGIONS, type SeedOptions, type SeedResult, seed, seededService, seedUuid } from './seed.ts';
export { listStaticServiceIds, type PrunedBuilds, pruneStaticBuilds } from './static-gc.ts';
export {
  checkHeaderRules,
  checkHostname,
  checkRules,
  type HeaderRuleInput,
  normalizeHostname,
  type Rule,
  type RuleInput,
} from './validate.ts';
