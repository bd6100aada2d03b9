// Records whose every field derives from (service number, version): a reader can tell a torn or
// mixed record from a whole one. Plain TypeScript (erasable syntax) so worker threads run it as is.
import type { RouteTableReader, ServiceRecord } from '../src/index.ts';

export function serviceId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function versionedRecord(n: number, version: number, hostnames: string[]): ServiceRecord {
  const instances = [];
  for (let i = 0; i < (version % 4) + 1; i++) {
    instances.push({
      host: `10.${n % 256}.${version % 256}.${i}`,
      port: ((version * 7 + i) % 60000) + 1,
      ready: (version + i) % 3 !== 0,
    });
  }
  const blob = new Uint8Array((version % 5) * 3);
  for (let i = 0; i < blob.length; i++) blob[i] = (version + i) & 0xff;
  return {
    id: serviceId(n),
    kind: (version % 2) + 1,
    plan: ((version >> 1) % 2) + 1,
    state: ((version >> 2) % 2) + 1,
    version,
    hostnames,
    instances,
    activeBuildId: version % 2 === 0 ? `build-${version}` : '',
    blob,
  };
}

/** Describes what is wrong with `record` as a whole version of service `n`, or '' when nothing. */
export function checkVersionedRecord(reader: RouteTableReader, record: number, n: number): string {
  const version = reader.version(record);
  const expected = versionedRecord(n, version, []);
  const problems: string[] = [];
  if (reader.serviceId(record) !== expected.id) problems.push(`id ${reader.serviceId(record)}`);
  if (reader.kind(record) !== expected.kind) problems.push('kind');
  if (reader.plan(record) !== expected.plan) problems.push('plan');
  if (reader.state(record) !== expected.state) problems.push('state');
  if (reader.activeBuildId(record) !== expected.activeBuildId) problems.push('build');
  const instances = expected.instances ?? [];
  if (reader.instanceCount(record) !== instances.length) problems.push('instance count');
  else {
    for (let i = 0; i < instances.length; i++) {
      const instance = instances[i];
      if (!instance) continue;
      if (reader.instancePort(record, i) !== instance.port) problems.push(`port ${i}`);
      if (reader.instanceReady(record, i) !== instance.ready) problems.push(`ready ${i}`);
      if (reader.instanceHost(record, i) !== instance.host) problems.push(`host ${i}`);
    }
  }
  const blob = reader.blob(record);
  const want = expected.blob ?? new Uint8Array();
  if (blob.length !== want.length || blob.some((b, i) => b !== want[i])) problems.push('blob');
  return problems.length === 0 ? '' : `service ${n} version ${version}: ${problems.join(', ')}`;
}
