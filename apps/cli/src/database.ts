import pg from 'pg';

/** Runs `fn` with a small pool on the given database and always closes it. */
export async function withDatabase<T>(databaseUrl: string, fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, connectionTimeoutMillis: 10_000 });
  // An idle client losing its connection must not crash a short-lived command.
  pool.on('error', () => {});
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}
