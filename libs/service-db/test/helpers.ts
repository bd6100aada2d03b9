import pg from 'pg';
import { ROUTE_CHANGES_CHANNEL } from '../src/index.ts';

/**
 * Counts route-change notifications. `settle()` sends a marker NOTIFY in a transaction of its own and
 * waits for it: notifications arrive in commit order, so every earlier commit's wake-up is in by then.
 */
export async function listenForChanges(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`LISTEN ${ROUTE_CHANGES_CHANNEL}`);
  let count = 0;
  let markerSeen: (() => void) | undefined;
  client.on('notification', (msg) => {
    if (msg.payload === 'marker') markerSeen?.();
    else count++;
  });
  return {
    /** Wake-ups received since the previous call (after all earlier commits were delivered). */
    async settle(): Promise<number> {
      const seen = new Promise<void>((resolve) => {
        markerSeen = resolve;
      });
      await client.query(`SELECT pg_notify('${ROUTE_CHANGES_CHANNEL}', 'marker')`);
      await seen;
      const n = count;
      count = 0;
      return n;
    },
    close: () => client.end(),
  };
}

/** The xid of the client's open transaction (assigns one if it has none yet). */
export async function currentXid(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
  return Number(rows[0]?.xid);
}
