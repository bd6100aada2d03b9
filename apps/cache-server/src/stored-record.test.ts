import { Plan, type Service, ServiceKind, ServiceState, v1 } from '@switchyard/proto';
import { describe, expect, it } from 'vitest';
import {
  decodeRecord,
  encodeContents,
  type StoredRecord,
  stamp,
  stampedLength,
  varintLength,
  writeStamped,
  writeVarint,
} from './stored-record.ts';

const web: Service = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'shop',
  kind: ServiceKind.SERVICE_KIND_WEB,
  plan: Plan.PLAN_PAID,
  state: ServiceState.SERVICE_STATE_ACTIVE,
  region: 'eu',
  hostnames: ['shop.example.com', '*.shop.example.net', 'bücher.example'],
  instances: [{ host: '127.1.0.1', port: 8000, ready: true }],
  scalerRef: 'run shop',
  httpsRedirect: true,
  hsts: { maxAgeSeconds: 31_536_000, includeSubdomains: true },
  version: 999, // left out of the content: the state stamps records
  commitTimeMs: 5,
};
const site: Service = {
  id: '00000000-0000-4000-8000-000000000002',
  name: 'docs',
  kind: ServiceKind.SERVICE_KIND_STATIC,
  region: 'eu',
  hostnames: ['docs.example.com'],
  staticSite: {
    activeBuildId: 'b1',
    rules: [{ source: '/old/*', destination: '/new/:splat', status: 301 }],
    headerRules: [{ pattern: '/*', headers: [{ name: 'x-frame-options', value: 'DENY' }] }],
  },
};

const plain = (service: Service) => v1.Service.toObject(v1.Service.decode(v1.Service.encode(service).finish()));

describe('stored records', () => {
  it('encodes a page of services to one content each, without the stamp', () => {
    const contents = encodeContents([web, site]);
    expect(contents.map((c) => c.id)).toEqual([web.id, site.id]);
    const decoded = v1.Service.decode(Buffer.from(contents[0]?.content as string, 'latin1'));
    expect(decoded.version).toBe(0);
    expect(decoded.commitTimeMs).toBe(0);
    expect(v1.Service.toObject(decoded)).toEqual(plain({ ...web, version: 0, commitTimeMs: 0 }));
  });

  it('sends content and stamp as the Service a client would have got encoded whole', () => {
    const [a, b] = encodeContents([web, site]);
    const records: StoredRecord[] = [
      stamp(a?.content as string, 2 ** 40 + 3, 1_790_000_000_123),
      stamp(b?.content as string, 0, 0),
    ];
    for (const [record, service] of [
      [records[0], { ...web, version: 2 ** 40 + 3, commitTimeMs: 1_790_000_000_123 }],
      [records[1], { ...site, version: 0, commitTimeMs: 0 }],
    ] as [StoredRecord, Service][]) {
      const bytes = Buffer.alloc(stampedLength(record) + 3);
      expect(writeStamped(record, bytes, 3)).toBe(bytes.length);
      expect(v1.Service.toObject(v1.Service.decode(bytes.subarray(3)))).toEqual(plain(service));
      expect(plain(decodeRecord(record))).toEqual(plain(service));
    }
  });

  it('writes varints up to 2^53 as protobuf reads them', () => {
    for (const value of [0, 1, 127, 128, 300, 2 ** 31, 2 ** 32 + 1, 2 ** 53 - 1]) {
      const bytes = new Uint8Array(10);
      const end = writeVarint(bytes, 0, value);
      expect(end).toBe(varintLength(value));
      const read = v1.Heartbeat.decode(Uint8Array.from([8, ...bytes.subarray(0, end)])).version;
      expect(Number(read)).toBe(value);
    }
  });

  it('refuses a stamp that is not a non-negative integer', () => {
    expect(() => stamp('', -1, 0)).toThrow(RangeError);
    expect(() => stamp('', 1, 0.5)).toThrow(RangeError);
  });
});
