import { createTestDatabase, type TestDatabase } from '@switchyard/service-db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addHostname,
  addInstance,
  ConflictError,
  createService,
  createStaticBuild,
  deleteService,
  getService,
  listServices,
  mapPgError,
  NotFoundError,
  removeHostname,
  removeInstance,
  type SwitchyardDbError,
  setActiveBuild,
  setInstanceReady,
  setRules,
  updateService,
  ValidationError,
  withTransaction,
} from '../src/index.ts';

let db: TestDatabase;
let pool: pg.Pool;
let counter = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

function newService(kind: 'web' | 'static' = 'web') {
  counter++;
  return createService(pool, { name: `svc-${counter}`, kind, plan: 'paid', region: 'test' });
}

/** Expects `work` to fail with `type`, naming `field`, with a message that contains each of `words`. */
async function expectError(
  work: Promise<unknown>,
  type: typeof ValidationError | typeof NotFoundError | typeof ConflictError,
  field: string,
  ...words: string[]
): Promise<void> {
  const err = (await work.then(
    () => undefined,
    (e: unknown) => e,
  )) as SwitchyardDbError | undefined;
  expect(err, `expected a ${type.name}`).toBeInstanceOf(type);
  expect(err?.field).toBe(field);
  for (const word of words) expect(err?.message).toContain(word);
}

describe('services', () => {
  it('creates, reads, updates, lists and deletes a service', async () => {
    const created = await createService(pool, {
      name: 'shop',
      kind: 'web',
      plan: 'free',
      region: 'eu-west',
      scalerRef: 'node server.js',
    });
    expect(created).toMatchObject({
      name: 'shop',
      kind: 'web',
      plan: 'free',
      state: 'active',
      region: 'eu-west',
      scalerRef: 'node server.js',
      activeBuildId: null,
      hostnames: [],
      instances: [],
      rules: [],
      headerRules: [],
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await getService(pool, created.id.toUpperCase())).toEqual(created);

    const updated = await updateService(pool, created.id, { plan: 'paid', state: 'suspended', name: 'shop2' });
    expect(updated).toMatchObject({ plan: 'paid', state: 'suspended', name: 'shop2' });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));

    expect((await listServices(pool, { region: 'eu-west' })).map((s) => s.id)).toEqual([created.id]);
    await deleteService(pool, created.id);
    await expectError(getService(pool, created.id), NotFoundError, 'serviceId', created.id);
  });

  it('rejects bad fields with messages naming the field and the value', async () => {
    const base = { name: 'ok', kind: 'web', plan: 'free', region: 'test' } as const;
    await expectError(createService(pool, { ...base, name: 'Bad_Name' }), ValidationError, 'name', 'Bad_Name');
    await expectError(
      createService(pool, { ...base, kind: 'lambda' as 'web' }),
      ValidationError,
      'kind',
      'lambda',
      'web, static',
    );
    await expectError(createService(pool, { ...base, plan: 'gold' as 'free' }), ValidationError, 'plan', 'gold');
    await expectError(createService(pool, { ...base, region: '' }), ValidationError, 'region');
    await expectError(
      createService(pool, { ...base, state: 'paused' as 'active' }),
      ValidationError,
      'state',
      'paused',
    );
    await expectError(updateService(pool, (await newService()).id, { plan: 'x' as 'free' }), ValidationError, 'plan');
  });

  it('rejects a duplicate name in the same region but allows it in another', async () => {
    await createService(pool, { name: 'twin', kind: 'web', plan: 'free', region: 'a' });
    await expectError(
      createService(pool, { name: 'twin', kind: 'static', plan: 'paid', region: 'a' }),
      ConflictError,
      'name',
      'twin',
    );
    await createService(pool, { name: 'twin', kind: 'web', plan: 'free', region: 'b' });
  });

  it('treats unknown and malformed service ids as not found', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const id of [unknown, 'not-a-uuid', '']) {
      await expectError(getService(pool, id), NotFoundError, 'serviceId', 'service');
      await expectError(updateService(pool, id, { plan: 'paid' }), NotFoundError, 'serviceId');
      await expectError(deleteService(pool, id), NotFoundError, 'serviceId');
      await expectError(addHostname(pool, id, 'x.example.com'), NotFoundError, 'serviceId', id);
      await expectError(addInstance(pool, id, { host: '10.0.0.1', port: 80 }), NotFoundError, 'serviceId');
      await expectError(setRules(pool, id, { rules: [], headerRules: [] }), NotFoundError, 'serviceId');
    }
  });

  it('the database constraints back the TypeScript checks up', async () => {
    const s = await newService();
    await expect(pool.query("UPDATE services SET plan = 'gold' WHERE id = $1", [s.id])).rejects.toMatchObject({
      constraint: 'services_plan_valid',
    });
    await expect(
      pool.query("INSERT INTO hostnames (hostname, service_id) VALUES ('Upper.Example.com', $1)", [s.id]),
    ).rejects.toMatchObject({ constraint: 'hostnames_hostname_valid' });
    await expect(
      pool.query("INSERT INTO instances (service_id, host, port) VALUES ($1, 'h', 70000)", [s.id]),
    ).rejects.toMatchObject({ constraint: 'instances_port_valid' });
  });

  it('maps PostgreSQL errors to typed errors naming the field', async () => {
    const s = await newService();
    const fail = (sql: string, params: unknown[]) => pool.query(sql, params).then(() => undefined, mapPgError);
    expect(await fail("UPDATE services SET plan = 'gold' WHERE id = $1", [s.id])).toMatchObject({
      code: 'INVALID',
      field: 'plan',
    });
    expect(
      await fail(
        "INSERT INTO instances (service_id, host, port) VALUES ('00000000-0000-4000-8000-000000000000', 'h', 1)",
        [],
      ),
    ).toMatchObject({ code: 'NOT_FOUND', field: 'serviceId' });
    expect(
      await fail(
        "INSERT INTO services (id, name, kind, plan, region) SELECT id, name || 'x', kind, plan, region FROM services WHERE id = $1",
        [s.id],
      ),
    ).toMatchObject({
      code: 'CONFLICT',
      field: 'id',
    });
    expect(await fail("SELECT 'nope'::uuid", [])).toBeInstanceOf(ValidationError);
  });
});

describe('hostnames', () => {
  it('normalises hostnames and accepts wildcards and punycode', async () => {
    const s = await newService();
    expect(await addHostname(pool, s.id, 'WWW.Example.COM.')).toBe('www.example.com');
    expect(await addHostname(pool, s.id, '*.apps.example.com')).toBe('*.apps.example.com');
    expect(await addHostname(pool, s.id, 'xn--bcher-kva.example')).toBe('xn--bcher-kva.example');
    expect((await getService(pool, s.id)).hostnames).toEqual([
      '*.apps.example.com',
      'www.example.com',
      'xn--bcher-kva.example',
    ]);
    await removeHostname(pool, 'www.EXAMPLE.com.');
    expect((await getService(pool, s.id)).hostnames).not.toContain('www.example.com');
    await expectError(removeHostname(pool, 'www.example.com'), NotFoundError, 'hostname', 'www.example.com');
  });

  it('rejects malformed hostnames', async () => {
    const s = await newService();
    const bad = [
      '',
      'under_score.example.com',
      '-leading.example.com',
      'trailing-.example.com',
      'a..b',
      'foo.*.example.com',
      '*example.com',
      `${'a'.repeat(64)}.example.com`,
      `${'abcdefghi.'.repeat(26)}com`,
      'host:8080',
      'héllo.example',
    ];
    for (const hostname of bad) {
      await expectError(addHostname(pool, s.id, hostname), ValidationError, 'hostname', JSON.stringify(hostname));
    }
  });

  it('rejects a hostname already used by any service, naming the owner', async () => {
    const a = await newService();
    const b = await newService();
    await addHostname(pool, a.id, 'taken.example.com');
    await expectError(addHostname(pool, b.id, 'TAKEN.example.com'), ConflictError, 'hostname', a.id);
  });
});

describe('instances', () => {
  it('adds, readies and removes instances', async () => {
    const s = await newService();
    await addInstance(pool, s.id, { host: '10.0.0.1', port: 8080 });
    await addInstance(pool, s.id, { host: 'app.internal', port: 9000, ready: false });
    await setInstanceReady(pool, s.id, 'app.internal', 9000, true);
    await setInstanceReady(pool, s.id, '10.0.0.1', 8080, false);
    expect((await getService(pool, s.id)).instances).toEqual([
      { host: '10.0.0.1', port: 8080, ready: false },
      { host: 'app.internal', port: 9000, ready: true },
    ]);
    await removeInstance(pool, s.id, '10.0.0.1', 8080);
    await expectError(removeInstance(pool, s.id, '10.0.0.1', 8080), NotFoundError, 'instance', '10.0.0.1:8080');
    await expectError(setInstanceReady(pool, s.id, '10.0.0.1', 8080, true), NotFoundError, 'instance');
  });

  it('rejects bad ports, hosts and duplicates', async () => {
    const s = await newService();
    for (const port of [0, 70000, -1, 80.5]) {
      await expectError(addInstance(pool, s.id, { host: '10.0.0.1', port }), ValidationError, 'port', String(port));
    }
    await expectError(addInstance(pool, s.id, { host: 'bad host', port: 80 }), ValidationError, 'host', 'bad host');
    await addInstance(pool, s.id, { host: '10.0.0.1', port: 80 });
    await expectError(
      addInstance(pool, s.id, { host: '10.0.0.1', port: 80 }),
      ConflictError,
      'instance',
      '10.0.0.1:80',
    );
  });
});

describe('static sites', () => {
  it('publishes builds and replaces rules atomically', async () => {
    const s = await newService('static');
    await createStaticBuild(pool, s.id, 'build-1', { fileCount: 2, totalBytes: 10 });
    await expectError(createStaticBuild(pool, s.id, 'build-1'), ConflictError, 'buildId', 'build-1');
    await expectError(createStaticBuild(pool, s.id, 'bad/id'), ValidationError, 'buildId', 'bad/id');
    await expectError(setActiveBuild(pool, s.id, 'missing'), NotFoundError, 'buildId', 'missing');
    await setActiveBuild(pool, s.id, 'build-1');
    expect((await getService(pool, s.id)).activeBuildId).toBe('build-1');

    const rules = {
      rules: [
        { source: '/a', destination: '/b', status: 301, force: false },
        { source: '/spa/*', destination: '/index.html', status: 200, force: true },
      ],
      headerRules: [{ pattern: '/assets/*', headers: [{ name: 'Cache-Control', value: 'max-age=31536000' }] }],
    };
    await setRules(pool, s.id, rules);
    await setRules(pool, s.id, rules); // replacing with the same positions does not collide
    const got = await getService(pool, s.id);
    expect({ rules: got.rules, headerRules: got.headerRules }).toEqual(rules);

    await expectError(
      setRules(pool, s.id, { rules: [{ source: 'nope', destination: '/x', status: 301 }], headerRules: [] }),
      ValidationError,
      'rules[0].source',
      'nope',
    );
    await expectError(
      setRules(pool, s.id, { rules: [{ source: '/x', destination: '/y', status: 404 }], headerRules: [] }),
      ValidationError,
      'rules[0].status',
      '404',
    );
    await expectError(
      setRules(pool, s.id, {
        rules: [],
        headerRules: [{ pattern: '/', headers: [{ name: 'Bad Header', value: 'x' }] }],
      }),
      ValidationError,
      'headerRules[0].headers[0].name',
    );
    // Failed replacements left the previous rules in place.
    expect((await getService(pool, s.id)).rules).toEqual(rules.rules);

    const web = await newService('web');
    await expectError(setRules(pool, web.id, { rules: [], headerRules: [] }), ValidationError, 'kind');
    await expectError(createStaticBuild(pool, web.id, 'b'), ValidationError, 'kind');
  });

  it('setRules inside a caller transaction uses a savepoint and commits with it', async () => {
    const s = await newService('static');
    await withTransaction(pool, async (client) => {
      await setRules(client, s.id, { rules: [{ source: '/x', destination: '/y', status: 302 }], headerRules: [] });
      await expect(
        setRules(client, s.id, { rules: [{ source: '/x', destination: '', status: 302 }], headerRules: [] }),
      ).rejects.toBeInstanceOf(ValidationError);
    });
    expect((await getService(pool, s.id)).rules).toEqual([
      { source: '/x', destination: '/y', status: 302, force: false },
    ]);
  });

  it('deleting a static service with an active build removes the build too', async () => {
    const s = await newService('static');
    await createStaticBuild(pool, s.id, 'b1');
    await setActiveBuild(pool, s.id, 'b1');
    await deleteService(pool, s.id);
    const { rows } = await pool.query('SELECT 1 FROM static_builds WHERE service_id = $1', [s.id]);
    expect(rows).toEqual([]);
  });
});
