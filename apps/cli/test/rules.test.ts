import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliWith, createServiceWithCli } from './support/cli.ts';
import { useTestDatabase } from './support/database.ts';

const database = useTestDatabase();
const cli = cliWith(() => ({ SWITCHYARD_DATABASE_URL: database.url }));
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cli-rules-'));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

let serial = 0;
function createService(kind: 'static' | 'web'): Promise<string> {
  return createServiceWithCli(cli, { name: `rules-${++serial}`, kind, plan: 'free' });
}

async function file(name: string, text: string): Promise<string> {
  const path = join(work, name);
  await writeFile(path, text);
  return path;
}

const YAML_RULES = `# the docs site
rules:
  - source: /blog/:year/:slug
    destination: /posts/:slug
  - source: /app/*
    destination: /index.html
    status: 200
    force: true
headers:
  - pattern: /assets/**
    headers:
      Cache-Control: public, max-age=31536000, immutable
`;

describe('switchyard rules', () => {
  it('sets rules from YAML, shows them back in the same format, and stores force and the default status', async () => {
    const id = await createService('static');
    const path = await file('site.yaml', YAML_RULES);
    const set = await cli('rules', 'set', id, path);
    expect(set.err).toBe('');
    expect(set.code).toBe(0);
    expect(set.out).toBe(`service ${id}: 2 rules, 1 header rules set from ${path}`);

    const record = JSON.parse((await cli('service', 'show', id, '--json')).out) as {
      rules: unknown[];
      headerRules: unknown[];
    };
    expect(record.rules).toEqual([
      { source: '/blog/:year/:slug', destination: '/posts/:slug', status: 301, force: false },
      { source: '/app/*', destination: '/index.html', status: 200, force: true },
    ]);
    expect(record.headerRules).toEqual([
      { pattern: '/assets/**', headers: [{ name: 'Cache-Control', value: 'public, max-age=31536000, immutable' }] },
    ]);

    const shown = await cli('rules', 'show', id);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('source: /blog/:year/:slug');
    // What show prints is a rules file: setting it again changes nothing.
    const again = await file('shown.yaml', shown.out);
    expect((await cli('rules', 'set', id, again)).code).toBe(0);
    expect(JSON.parse((await cli('rules', 'show', id, '--json')).out)).toEqual({
      rules: record.rules,
      headers: [{ pattern: '/assets/**', headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } }],
    });
  });

  it('sets rules from JSON and clears them with {}', async () => {
    const id = await createService('static');
    const json = await file(
      'site.json',
      JSON.stringify({ rules: [{ source: '/old', destination: '/new', status: 308 }] }),
    );
    expect((await cli('rules', 'set', id, json)).code).toBe(0);
    expect(JSON.parse((await cli('rules', 'show', id, '--json')).out).rules).toEqual([
      { source: '/old', destination: '/new', status: 308, force: false },
    ]);
    expect((await cli('rules', 'set', id, await file('empty.json', '{}'))).code).toBe(0);
    expect(JSON.parse((await cli('rules', 'show', id, '--json')).out)).toEqual({ rules: [], headers: [] });
  });

  it('rejects an invalid file with file:line: reason and leaves the stored rules alone', async () => {
    const id = await createService('static');
    expect((await cli('rules', 'set', id, await file('good.yaml', YAML_RULES))).code).toBe(0);
    const before = (await cli('rules', 'show', id, '--json')).out;

    const badDestination = await file(
      'bad.yaml',
      'rules:\n  - source: /a\n    destination: /b\n  - source: /c/:id\n    destination: /d/:slug\n',
    );
    const refused = await cli('rules', 'set', id, badDestination);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      `switchyard rules: ${badDestination}:5: rules[1].destination "/d/:slug": uses ":slug" which the source does not define`,
    );

    const ownedHeader = await file(
      'owned.yaml',
      'headers:\n  - pattern: /**\n    headers:\n      Content-Length: "5"\n',
    );
    const owned = await cli('rules', 'set', id, ownedHeader);
    expect(owned.code).toBe(1);
    expect(owned.err).toMatch(
      new RegExp(
        `${ownedHeader}:4: headers\\[0\\]\\.headers\\[0\\]\\.name "Content-Length": the router sets this header`,
      ),
    );

    const broken = await file('broken.json', '{"rules": [\n  {"source": "/a",\n');
    const unparsable = await cli('rules', 'set', id, broken);
    expect(unparsable.code).toBe(1);
    expect(unparsable.err).toMatch(new RegExp(`${broken}:\\d+: `));

    expect((await cli('rules', 'show', id, '--json')).out).toBe(before);
  });

  it('check validates without a database; set refuses a web service and a missing file', async () => {
    const path = await file('check.yaml', YAML_RULES);
    const checked = await cli('rules', 'check', path);
    expect(checked.code).toBe(0);
    expect(checked.out).toBe(`${path}: ok (2 rules, 1 header rules)`);

    const web = await createService('web');
    const onWeb = await cli('rules', 'set', web, path);
    expect(onWeb.code).toBe(1);
    expect(onWeb.err).toMatch(/is a web service: rules belong to static services/);

    const id = await createService('static');
    const missing = await cli('rules', 'set', id, join(work, 'missing.yaml'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/missing\.yaml:1: cannot read/);
  });
});
