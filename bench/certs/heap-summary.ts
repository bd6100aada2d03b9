// Where a V8 heap snapshot's bytes are: self sizes summed by node type and constructor, with strings
// told apart by what they hold (PEM certificate chains, PEM private keys, other). Usage:
//   npx node bench/certs/heap-summary.ts FILE.heapsnapshot [--top 15]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export interface HeapGroup {
  what: string;
  count: number;
  bytes: number;
}

/** The groups of a snapshot, largest first. */
export function summarise(path: string): { totalBytes: number; groups: HeapGroup[] } {
  const snap = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const groups = new Map<string, HeapGroup>();
  let totalBytes = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt] as number] as string;
    const name = snap.strings[snap.nodes[i + nameAt] as number] ?? '';
    const bytes = snap.nodes[i + sizeAt] as number;
    totalBytes += bytes;
    let what: string;
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string') {
      what = name.startsWith('-----BEGIN CERTIFICATE')
        ? 'string: PEM certificate chain'
        : name.includes('PRIVATE KEY-----')
          ? 'string: PEM private key'
          : `${type}: other`;
    } else if (type === 'object' || type === 'native' || type === 'closure') {
      what = `${type}: ${name}`;
    } else {
      what = `(${type})`;
    }
    const group = groups.get(what) ?? { what, count: 0, bytes: 0 };
    group.count++;
    group.bytes += bytes;
    groups.set(what, group);
  }
  return { totalBytes, groups: [...groups.values()].sort((a, b) => b.bytes - a.bytes) };
}

export function formatSummary(summary: { totalBytes: number; groups: HeapGroup[] }, top: number): string {
  const MiB = 2 ** 20;
  const lines = [`heap snapshot: ${(summary.totalBytes / MiB).toFixed(1)} MiB (self sizes)`];
  lines.push('| what | count | MiB |', '| --- | ---: | ---: |');
  for (const g of summary.groups.slice(0, top))
    lines.push(`| ${g.what} | ${g.count} | ${(g.bytes / MiB).toFixed(1)} |`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    options: { top: { type: 'string', default: '15' } },
    allowPositionals: true,
  });
  for (const file of positionals) console.log(formatSummary(summarise(file), Number(values.top)));
}
