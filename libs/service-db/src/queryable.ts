import type pg from 'pg';

export type Queryable = pg.Pool | pg.PoolClient | pg.Client;

/** Runs `fn` in a transaction on a client of `pool`: COMMIT when it resolves, ROLLBACK when it throws. */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Duck-typed so that a second copy of `pg` in node_modules does not break it. */
export function isPool(db: Queryable): db is pg.Pool {
  return !('getTransactionStatus' in db) && 'totalCount' in db;
}

/**
 * Runs `fn` atomically whatever `db` is: a transaction on a pool client, a transaction on an idle client,
 * or a savepoint when the client is already inside the caller's transaction.
 */
export async function atomically<T>(db: Queryable, fn: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  if (isPool(db)) return withTransaction(db, fn);
  const inTransaction = db.getTransactionStatus() !== 'I';
  const [begin, commit, rollback] = inTransaction
    ? ['SAVEPOINT switchyard_atomic', 'RELEASE SAVEPOINT switchyard_atomic', 'ROLLBACK TO SAVEPOINT switchyard_atomic']
    : ['BEGIN', 'COMMIT', 'ROLLBACK'];
  await db.query(begin);
  try {
    const result = await fn(db);
    await db.query(commit);
    return result;
  } catch (err) {
    await db.query(rollback).catch(() => undefined);
    throw err;
  }
}
