export {
  ACME_STATES,
  type AcmeClaim,
  type AcmeState,
  type AcmeStatus,
  acmeSummary,
  type ClaimOptions,
  claimAcmeHostnames,
  countAcmeOrders,
  deleteAcmeChallenges,
  extendAcmeLease,
  FencedOutError,
  getAcmeStatus,
  type IssuedCertificate,
  listAcmeStatus,
  type OrderBudget,
  putAcmeChallenge,
  recordAcmeFailure,
  releaseAcmeClaim,
  renewalTime,
  reserveAcmeOrder,
  storeAcmeCertificate,
} from './acme.ts';
export {
  addHostname,
  addInstance,
  createService,
  createStaticBuild,
  deleteService,
  getService,
  type HstsInput,
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
  addCertificate,
  CERTIFICATE_SOURCES,
  type CertificateInfo,
  type CertificateInput,
  type CertificateSourceName,
  type CheckedCertificate,
  checkCertificate,
  getCertificate,
  listCertificates,
  loadAcmeChallenges,
  loadCertificates,
  loadRegionTls,
  loadTicketKeys,
  type RegionTls,
  readTlsChanges,
  removeCertificate,
  replaceCertificate,
  rotateTicketKeys,
  setCertificateStatus,
  TICKET_KEY_BYTES,
  type TlsChangeBatch,
  type UnreadableCertificate,
} from './certificates.ts';
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
export {
  type ChangeStamp,
  loadRegionSnapshot,
  loadServices,
  type RegionSnapshot,
  SNAPSHOT_PAGE_SIZE,
  toServiceRecord,
} from './records.ts';
export { loadRegionRecords, type RecordSink } from './region-records.ts';
export { CERT_KEY_ENV, CERT_KEY_FILE_ENV, PlatformKey, SealedValueError } from './secret-box.ts';
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
