import { describe, expect, it } from 'vitest';
import { describeBuild } from './status.ts';

describe('describeBuild', () => {
  it('prefers a build_info series, prefixed or not, over the Node version', () => {
    const metrics = [
      '# HELP switchyard_router_nodejs_version_info Node.js version info.',
      'switchyard_router_nodejs_version_info{version="v24.1.0",major="24",minor="1",patch="0"} 1',
      'switchyard_router_build_info{version="0.1.0",commit="abc123"} 1',
    ].join('\n');
    expect(describeBuild(undefined, metrics)).toBe('switchyard 0.1.0 (abc123)');
    expect(describeBuild(undefined, metrics.split('\n').slice(0, 2).join('\n'))).toBe('node v24.1.0');
    expect(describeBuild({ build: '1.2.3' }, metrics)).toBe('1.2.3');
    expect(describeBuild(undefined, '')).toBeUndefined();
  });

  it('shows the version and Node of switchyard_build_info as every component exports it', () => {
    const metrics = [
      'switchyard_router_nodejs_version_info{version="v24.1.0",major="24",minor="1",patch="0"} 1',
      'switchyard_build_info{component="cache",version="0.1.0",node="24.1.0",region="eu"} 1',
    ].join('\n');
    expect(describeBuild(undefined, metrics)).toBe('switchyard 0.1.0 (node v24.1.0)');
  });

  it('takes a /debug/state build object over the metrics', () => {
    const metrics = 'switchyard_build_info{component="router",version="0.0.9",node="24.1.0"} 1';
    expect(describeBuild({ build: { version: '0.1.0', node: '24.2.0' } }, metrics)).toBe(
      'switchyard 0.1.0 (node v24.2.0)',
    );
    expect(describeBuild({ build: { node: '24.2.0' } }, metrics)).toBe('switchyard 0.0.9 (node v24.1.0)');
  });
});
