import { parseDuration } from '@switchyard/config';
import { type ObjectStore, openObjectStore } from '@switchyard/object-store';
import {
  createStaticBuild,
  getService,
  listStaticBuilds,
  listStaticServiceIds,
  setActiveBuild,
  ValidationError,
  withTransaction,
} from '@switchyard/service-db';
import { databaseOptions, expectPositionals, parseCommand, parsePositiveInt, resolveDatabaseUrl } from '../args.ts';
import { type Command, commandGroup } from '../command.ts';
import { withDatabase } from '../database.ts';
import { findRunningDev } from '../dev/state-file.ts';
import { UsageError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { formatTable, printJson } from '../output.ts';
import { collectBuildFiles, newBuildId, removeBuild, uploadBuild } from '../static-build.ts';
import { collectGarbage, type GcResult } from '../static-gc.ts';

const usage = `Usage:
  switchyard static deploy ID DIR [--activate] [--keep N] [--store URL] [--concurrency N]
                                       upload DIR as a new build of static service ID
  switchyard static rollback ID BUILD  serve an earlier build again
  switchyard static builds ID          list the builds of service ID (* = active)
  switchyard static gc [ID] [--keep N] [--dry-run] [--orphan-age DURATION] [--store URL]
                                       remove old builds of ID (of every static service without ID)

Every subcommand takes --database-url URL (env SWITCHYARD_DATABASE_URL) and --json.
--store is the object store: file:///dir, a path, or s3://bucket[/prefix] (env SWITCHYARD_STATIC_STORE,
else the store of a \`switchyard dev\` running here). S3 settings come from SWITCHYARD_S3_ENDPOINT,
AWS_REGION, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
\`deploy\` uploads every file under sites/<ID>/<build>/, then records the build (and with --activate
publishes it) in one transaction; a failed upload records nothing and removes what it uploaded.
Symlinks are followed when they stay inside DIR and refused when they leave it.
\`gc\` removes every build but the active one and the newest N (--keep, default ${'$'}{DEFAULT_KEEP}): first
their records, in one transaction that locks the service (a concurrent deploy or rollback waits for
it, and a removed build can never be activated again), then their files; the active build is never
removed. Files of builds that were never recorded (a deploy that died) are removed once their build
id is older than --orphan-age (default 24h): younger ones may be a deploy still uploading.
--dry-run only lists what would go. \`deploy --keep N\` runs the same gc after the deploy.`;

const DEFAULT_KEEP = 3;
const DEFAULT_ORPHAN_AGE_MS = 24 * 3_600_000;

const deployOptions = {
  ...databaseOptions,
  activate: { type: 'boolean', default: false },
  store: { type: 'string' },
  concurrency: { type: 'string' },
  keep: { type: 'string' },
} as const;

const gcOptions = {
  ...databaseOptions,
  store: { type: 'string' },
  keep: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  'orphan-age': { type: 'string' },
} as const;

function parseDurationFlag(value: string, name: string): number {
  try {
    return parseDuration(value, name);
  } catch (error) {
    throw new UsageError((error as Error).message, usage);
  }
}

function parseKeep(value: string | undefined): number {
  if (value === undefined) return DEFAULT_KEEP;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`--keep must be a whole number ≥ 0, got "${value}"`, usage);
  }
  return Number(value);
}

/** --store, else SWITCHYARD_STATIC_STORE, else the running dev stack's store. */
export function resolveStoreUrl(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string = process.cwd()): string {
  const url = flag ?? (env.SWITCHYARD_STATIC_STORE || undefined) ?? findRunningDev(cwd)?.staticStore;
  if (!url) {
    throw new UsageError(
      'no object store: pass --store URL, set SWITCHYARD_STATIC_STORE, or start `switchyard dev` here',
      usage,
    );
  }
  return url;
}

function openStore(url: string, env: NodeJS.ProcessEnv): ObjectStore {
  return openObjectStore(url, {
    endpoint: env.SWITCHYARD_S3_ENDPOINT || undefined,
    region: env.AWS_REGION || undefined,
    accessKeyId: env.AWS_ACCESS_KEY_ID || undefined,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY || undefined,
    sessionToken: env.AWS_SESSION_TOKEN || undefined,
  });
}

async function deploy(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, deployOptions, usage);
  if (values.help) return help(io);
  const [serviceId, dir] = expectPositionals(positionals, ['ID', 'DIR'], usage) as [string, string];
  const concurrency = values.concurrency === undefined ? 8 : parsePositiveInt(values.concurrency, '--concurrency');
  const keep = values.keep === undefined ? undefined : parseKeep(values.keep);
  const databaseUrl = resolveDatabaseUrl(values['database-url'], io.env, usage);
  const storeUrl = resolveStoreUrl(values.store, io.env);
  const store = openStore(storeUrl, io.env);
  try {
    return await withDatabase(databaseUrl, async (db) => {
      // Fail before uploading anything when the service cannot take a build.
      const service = await getService(db, serviceId);
      if (service.kind !== 'static') {
        throw new ValidationError(
          'kind',
          `service ${service.id} is a ${service.kind} service: only static services have builds`,
        );
      }
      const files = await collectBuildFiles(dir);
      const buildId = newBuildId();
      const uploaded = await uploadBuild(store, service.id, buildId, files, concurrency);
      try {
        await withTransaction(db, async (client) => {
          await createStaticBuild(client, service.id, buildId, uploaded);
          if (values.activate) await setActiveBuild(client, service.id, buildId);
        });
      } catch (error) {
        await removeBuild(store, service.id, buildId);
        throw error;
      }
      const gc =
        keep === undefined
          ? undefined
          : await collectGarbage(db, store, service.id, { keep, dryRun: false, orphanAgeMs: DEFAULT_ORPHAN_AGE_MS });
      const result = {
        serviceId: service.id,
        buildId,
        ...uploaded,
        activated: values.activate,
        store: storeUrl,
        ...(gc === undefined ? {} : { gc }),
      };
      if (values.json) printJson(io, result);
      else {
        io.out(
          `uploaded ${uploaded.fileCount} files (${uploaded.totalBytes} bytes) as build ${buildId}` +
            (values.activate
              ? `; service ${service.id} now serves it`
              : `; activate it with: switchyard static rollback ${service.id} ${buildId}`),
        );
        if (gc !== undefined) io.out(describeGc(gc, false));
      }
      return gc !== undefined && gc.failed.length > 0 ? 1 : 0;
    });
  } finally {
    await store.close();
  }
}

async function rollback(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, databaseOptions, usage);
  if (values.help) return help(io);
  const [serviceId, buildId] = expectPositionals(positionals, ['ID', 'BUILD'], usage) as [string, string];
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  const previous = await withDatabase(url, async (db) => {
    const before = (await getService(db, serviceId)).activeBuildId;
    await setActiveBuild(db, serviceId, buildId);
    return before;
  });
  if (values.json) printJson(io, { serviceId, activeBuildId: buildId, previousBuildId: previous });
  else io.out(`service ${serviceId} now serves build ${buildId} (was ${previous ?? 'nothing'})`);
  return 0;
}

async function builds(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, databaseOptions, usage);
  if (values.help) return help(io);
  const [serviceId] = expectPositionals(positionals, ['ID'], usage) as [string];
  const url = resolveDatabaseUrl(values['database-url'], io.env, usage);
  const list = await withDatabase(url, (db) => listStaticBuilds(db, serviceId));
  if (values.json) printJson(io, list);
  else if (list.length === 0) io.out('no builds');
  else {
    io.out(
      formatTable([
        ['', 'BUILD', 'FILES', 'BYTES', 'CREATED'],
        ...list.map((b) => [b.active ? '*' : '', b.id, String(b.fileCount), String(b.totalBytes), b.createdAt]),
      ]),
    );
  }
  return 0;
}

async function gc(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, gcOptions, usage);
  if (values.help) return help(io);
  if (positionals.length > 1) throw new UsageError(`expected at most one ID, got ${positionals.length}`, usage);
  const keep = parseKeep(values.keep);
  const orphanAgeMs =
    values['orphan-age'] === undefined
      ? DEFAULT_ORPHAN_AGE_MS
      : parseDurationFlag(values['orphan-age'], '--orphan-age');
  const dryRun = values['dry-run'];
  const databaseUrl = resolveDatabaseUrl(values['database-url'], io.env, usage);
  const store = openStore(resolveStoreUrl(values.store, io.env), io.env);
  try {
    const results = await withDatabase(databaseUrl, async (db) => {
      const ids = positionals.length === 1 ? [positionals[0] as string] : await listStaticServiceIds(db);
      const out: GcResult[] = [];
      for (const id of ids) out.push(await collectGarbage(db, store, id, { keep, dryRun, orphanAgeMs }));
      return out;
    });
    if (values.json) printJson(io, results);
    else if (results.length === 0) io.out('no static services');
    else for (const result of results) io.out(describeGc(result, dryRun));
    const failed = results.flatMap((r) => r.failed.map((f) => `${r.serviceId} ${f.buildId}: ${f.error}`));
    for (const line of failed) io.err(`switchyard static gc: could not delete the files of ${line} (run gc again)`);
    return failed.length > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

function describeGc(result: GcResult, dryRun: boolean): string {
  const verb = dryRun ? 'would remove' : 'removed';
  const gone = [...result.removed, ...result.orphans.map((b) => `${b} (unrecorded)`)];
  return (
    `service ${result.serviceId}: active ${result.activeBuildId ?? 'none'}, kept ${result.kept.join(', ') || 'none'}; ` +
    (gone.length === 0 ? 'nothing to remove' : `${verb} ${gone.join(', ')}`) +
    (dryRun ? '' : ` (${result.deletedObjects} objects deleted)`)
  );
}

function help(io: CliIo): number {
  io.out(usage);
  return 0;
}

export const staticCommand: Command = commandGroup(
  'static',
  'publish static-site builds, roll back, list builds, remove old ones',
  usage,
  {
    deploy,
    rollback,
    builds,
    gc,
  },
);
