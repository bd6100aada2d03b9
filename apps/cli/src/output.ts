import { formatAddress } from '@switchyard/config';
import type { ServiceRecord } from '@switchyard/service-db';
import type { CliIo } from './io.ts';

export function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

/** Columns padded to their widest cell; the first row is the header. */
export function formatTable(rows: string[][]): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, col) => cell.padEnd(widths[col] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function formatServiceList(services: ServiceRecord[]): string {
  if (services.length === 0) return 'no services';
  return formatTable([
    ['ID', 'NAME', 'KIND', 'PLAN', 'STATE', 'REGION', 'HOSTNAMES'],
    ...services.map((s) => [s.id, s.name, s.kind, s.plan, s.state, s.region, s.hostnames.join(',')]),
  ]);
}

export function formatService(s: ServiceRecord): string {
  const lines = [
    `id:         ${s.id}`,
    `name:       ${s.name}`,
    `kind:       ${s.kind}`,
    `plan:       ${s.plan}`,
    `state:      ${s.state}`,
    `region:     ${s.region}`,
    `hostnames:  ${s.hostnames.join(', ') || '-'}`,
    `instances:  ${s.instances.map((i) => `${formatAddress(i.host, i.port)}${i.ready ? '' : ' (not ready)'}`).join(', ') || '-'}`,
  ];
  if (s.scalerRef) lines.push(`scaler ref: ${s.scalerRef}`);
  if (s.httpsRedirect) lines.push('https:     HTTP redirected to HTTPS');
  if (s.hsts) {
    const extra = `${s.hsts.includeSubdomains ? '; includeSubDomains' : ''}${s.hsts.preload ? '; preload' : ''}`;
    lines.push(`hsts:       max-age=${s.hsts.maxAgeSeconds}${extra}`);
  }
  if (s.kind === 'static') {
    lines.push(`build:      ${s.activeBuildId ?? '- (nothing published)'}`);
    for (const r of s.rules) {
      // Forced: the rule applies even where the path names an existing file of the build.
      lines.push(`rule:       ${r.source} -> ${r.destination} ${r.status}${r.force ? ' force' : ''}`);
    }
    for (const h of s.headerRules) {
      lines.push(`headers:    ${h.pattern} ${h.headers.map((x) => `${x.name}: ${x.value}`).join('; ')}`);
    }
  }
  lines.push(`updated:    ${s.updatedAt}`);
  return lines.join('\n');
}
