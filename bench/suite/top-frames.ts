// Top frames of a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by package
// or directory, so that a profile can be summarised without a flame-graph viewer.
// Usage: npx node bench/suite/top-frames.ts <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

/** Where a frame comes from: a package, node's internals, the router's own sources, or V8. */
export function area(url: string): string {
  if (url === '') return '(v8 / native)';
  if (url.startsWith('node:')) return url.split('/')[0] as string;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const app = /\/(apps|libs)\/([^/]+)\//.exec(url);
  if (app) return `${app[1]}/${app[2]}`;
  return url.replace(/^file:\/\//, '');
}

export function topFrames(profile: Profile, top = 25) {
  const hits = new Map<number, number>();
  for (const id of profile.samples ?? []) hits.set(id, (hits.get(id) ?? 0) + 1);
  const idleIds = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const all = [...hits.values()].reduce((a, b) => a + b, 0) || 1;
  let idle = 0;
  for (const id of idleIds) idle += hits.get(id) ?? 0;
  // Shares are of the busy samples: an idle thread says nothing about where the CPU time goes.
  const total = all - idle || 1;
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const node of profile.nodes) {
    const n = hits.get(node.id) ?? node.hitCount ?? 0;
    if (n === 0 || idleIds.has(node.id)) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^.*\/(node_modules|apps|libs)\//, '$1/');
    const key = `${functionName || '(anonymous)'}  ${file}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + n);
    byArea.set(area(url), (byArea.get(area(url)) ?? 0) + n);
  }
  const sorted = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, n]) => ({ name, share: n / total }));
  return {
    samples: all,
    idleShare: idle / all,
    seconds: (profile.endTime - profile.startTime) / 1e6,
    functions: sorted(byFunction),
    areas: sorted(byArea),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: top-frames.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  const result = topFrames(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(process.argv[3] ?? 25));
  console.log(
    `${result.samples} samples over ${result.seconds.toFixed(1)} s, ${(result.idleShare * 100).toFixed(0)}% idle; shares below are of the busy samples\n\nself time by area:`,
  );
  for (const a of result.areas) console.log(`${(a.share * 100).toFixed(1).padStart(6)}%  ${a.name}`);
  console.log('\nself time by function:');
  for (const f of result.functions) console.log(`${(f.share * 100).toFixed(1).padStart(6)}%  ${f.name}`);
}
