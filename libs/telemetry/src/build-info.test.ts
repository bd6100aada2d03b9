import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildInfo } from './build-info.ts';
import { createRegistry } from './metrics.ts';

const rootVersion = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('build info', () => {
  it("is the repository's root package.json version and this process's Node", () => {
    expect(buildInfo()).toEqual({ version: rootVersion, node: process.versions.node });
    expect(rootVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('is a switchyard_build_info series of value 1 in every registry, labelled with the component', async () => {
    const registry = createRegistry({ component: 'cache', defaultLabels: { region: 'eu' }, processMetrics: false });
    const line = (await registry.metrics()).split('\n').find((l) => l.startsWith('switchyard_build_info{'));
    expect(line).toBe(
      `switchyard_build_info{component="cache",version="${rootVersion}",node="${process.versions.node}",region="eu"} 1`,
    );
    const unnamed = await createRegistry({ prefix: 'x_' }).metrics();
    expect(unnamed).toContain(`switchyard_build_info{component="switchyard",version="${rootVersion}"`);
  });
});
