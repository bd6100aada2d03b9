// The routing record of seeded service `i` (region 1, `bench`), as a cache would send it: for the
// benches that build tables from seeded services without a database.
import type { Service } from '@switchyard/proto';
import { seededService } from '@switchyard/service-db';

const KIND = { web: 1, static: 2 } as const;
const PLAN = { free: 1, paid: 2 } as const;
const STATE = { active: 1, suspended: 2 } as const;

export function seededRecord(i: number): Service {
  const s = seededService(1, i, ['bench']);
  return {
    id: s.id,
    name: s.name,
    kind: KIND[s.kind],
    plan: PLAN[s.plan],
    state: STATE[s.state],
    region: s.region,
    hostnames: s.hostnames,
    instances: s.instances,
    ...(s.activeBuildId ? { staticSite: { activeBuildId: s.activeBuildId } } : {}),
    version: 100 + i,
  };
}
