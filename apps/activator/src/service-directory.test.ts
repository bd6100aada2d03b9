import { Plan, type Service, ServiceKind, ServiceState } from '@switchyard/proto';
import { describe, expect, it } from 'vitest';
import { ServiceDirectory } from './service-directory.ts';

const record = (id: string, overrides: Partial<Service> = {}): Service => ({
  id,
  name: `svc-${id}`,
  kind: ServiceKind.SERVICE_KIND_WEB,
  plan: Plan.PLAN_FREE,
  state: ServiceState.SERVICE_STATE_ACTIVE,
  scalerRef: `run ${id}`,
  version: 7,
  ...overrides,
});

function directory() {
  const retired: [string, string][] = [];
  const dir = new ServiceDirectory((id, why) => retired.push([id, why]));
  dir.beginSnapshot();
  dir.addBatch([
    record('a'),
    record('b'),
    record('c'),
    record('paid', { plan: Plan.PLAN_PAID }),
    record('site', { kind: ServiceKind.SERVICE_KIND_STATIC }),
  ]);
  dir.endSnapshot();
  return { dir, retired };
}

describe('ServiceDirectory', () => {
  it('keeps only free web services from a snapshot', () => {
    const { dir } = directory();
    expect([...dir.all()].map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(dir.get('a')).toEqual({ id: 'a', name: 'svc-a', suspended: false, scalerRef: 'run a', version: 7 });
    expect(dir.get('paid')).toBeUndefined();
  });

  it('reports services that turn paid, get suspended, change kind or are removed', () => {
    const { dir, retired } = directory();
    dir.applyDelta({
      version: 8,
      upserts: [
        record('a', { plan: Plan.PLAN_PAID }),
        record('b', { state: ServiceState.SERVICE_STATE_SUSPENDED }),
        record('new'),
      ],
      removedIds: ['c', 'never-known'],
    });
    expect(retired).toEqual([
      ['a', 'plan changed to paid'],
      ['b', 'suspended'],
      ['c', 'deleted or moved out of the region'],
    ]);
    expect(dir.get('b')?.suspended).toBe(true);
    expect(dir.get('new')?.scalerRef).toBe('run new');
    // A suspended service going away is not reported again.
    dir.applyDelta({ version: 9, removedIds: ['b'] });
    expect(retired).toHaveLength(3);
  });

  it('reports services missing from a new snapshot, and keeps the old set when a snapshot is aborted', () => {
    const { dir, retired } = directory();
    dir.beginSnapshot();
    dir.addBatch([record('a')]);
    dir.abortSnapshot();
    expect(dir.size).toBe(3);
    dir.beginSnapshot();
    dir.addBatch([record('a'), record('b', { kind: ServiceKind.SERVICE_KIND_STATIC })]);
    dir.endSnapshot();
    expect(retired.map(([id]) => id).sort()).toEqual(['b', 'c']);
    expect(dir.size).toBe(1);
  });
});
