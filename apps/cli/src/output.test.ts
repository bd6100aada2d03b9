import type { ServiceRecord } from '@switchyard/service-db';
import { describe, expect, it } from 'vitest';
import { formatService } from './output.ts';

const site: ServiceRecord = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'docs',
  kind: 'static',
  plan: 'free',
  state: 'active',
  region: 'local',
  scalerRef: '',
  activeBuildId: 'b1',
  hostnames: ['docs.example.com'],
  instances: [],
  rules: [
    { source: '/old', destination: '/new', status: 301, force: false },
    { source: '/app/*', destination: '/index.html', status: 200, force: true },
  ],
  headerRules: [],
  httpsRedirect: false,
  hsts: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('formatService', () => {
  it("marks a static site's forced rules, and only those", () => {
    const rules = formatService(site)
      .split('\n')
      .filter((line) => line.startsWith('rule:'));
    expect(rules).toEqual(['rule:       /old -> /new 301', 'rule:       /app/* -> /index.html 200 force']);
  });
});
