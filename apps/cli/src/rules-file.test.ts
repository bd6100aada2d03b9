import { describe, expect, it } from 'vitest';
import { formatRulesFileYaml, parseRulesFile, RulesFileError } from './rules-file.ts';

function problem(text: string): { line: number; reason: string } {
  try {
    parseRulesFile(text, 'site.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(RulesFileError);
    const { line, reason, message } = error as RulesFileError;
    expect(message).toBe(`site.yaml:${line}: ${reason}`);
    return { line, reason };
  }
  throw new Error('expected the rules file to be refused');
}

const EXAMPLE = `# docs site
rules:
  - source: /blog/:year/*
    destination: /posts/:year/:splat
  - source: /app/*
    destination: /index.html
    status: 200
    force: true
headers:
  - pattern: /assets/**
    headers:
      Cache-Control: public, max-age=31536000, immutable
      X-Version: 7
  - pattern: /*.html
    headers:
      X-Frame-Options: DENY
`;

describe('parseRulesFile', () => {
  it('reads the documented YAML example, filling in defaults', () => {
    expect(parseRulesFile(EXAMPLE, 'site.yaml')).toEqual({
      rules: [
        { source: '/blog/:year/*', destination: '/posts/:year/:splat', status: 301, force: false },
        { source: '/app/*', destination: '/index.html', status: 200, force: true },
      ],
      headerRules: [
        {
          pattern: '/assets/**',
          headers: [
            { name: 'Cache-Control', value: 'public, max-age=31536000, immutable' },
            { name: 'X-Version', value: '7' },
          ],
        },
        { pattern: '/*.html', headers: [{ name: 'X-Frame-Options', value: 'DENY' }] },
      ],
    });
  });

  it('reads JSON, and {} means no rules at all', () => {
    const json = JSON.stringify(
      { rules: [{ source: '/a', destination: 'https://example.com/b', status: 302 }] },
      null,
      2,
    );
    expect(parseRulesFile(json, 'site.json').rules).toEqual([
      { source: '/a', destination: 'https://example.com/b', status: 302, force: false },
    ]);
    expect(parseRulesFile('{}', 'site.json')).toEqual({ rules: [], headerRules: [] });
  });

  it('round-trips what rules show prints', () => {
    const parsed = parseRulesFile(EXAMPLE, 'site.yaml');
    expect(parseRulesFile(formatRulesFileYaml(parsed), 'again.yaml')).toEqual(parsed);
  });

  it.each([
    // [file text, line, reason pattern]
    [
      'rules:\n  - source: /a\n    destination: /b\n  - source: /c/:id\n    destination: /d/:slug\n',
      5,
      /rules\[1\]\.destination "\/d\/:slug": uses ":slug"/,
    ],
    ['rules:\n  - source: old\n    destination: /b\n', 2, /rules\[0\]\.source "old": must start with "\/"/],
    [
      'rules:\n  - source: /a\n    destination: /b\n    status: 404\n',
      4,
      /rules\[0\]\.status 404: expected one of 200, 301, 302, 307, 308/,
    ],
    ['rules:\n  - source: /a\n    destination: /b\n    force: "yes"\n', 4, /rules\[0\]\.force "yes"/],
    ['rules:\n  - source: /a\n', 2, /rules\[0\]\.destination undefined/],
    ['rules:\n  - source: /a\n    destinaton: /b\n', 3, /unknown key rules\[0\]\.destinaton/],
    ['redirects: []\n', 1, /unknown key redirects/],
    ['rules: /a\n', 1, /"rules" must be a list/],
    ['rules:\n  - /a /b\n', 2, /rules\[0\]: expected a mapping/],
    [
      'headers:\n  - pattern: /a\n    headers:\n      X-Ok: 1\n      Set-Cookie: a=b\n',
      5,
      /headers\[0\]\.headers\[1\]\.name "Set-Cookie": the router sets this header/,
    ],
    ['headers:\n  - pattern: /a\n    headers:\n      Bad Name: 1\n', 4, /headers\[0\]\.headers\[0\]\.name "Bad Name"/],
    ['headers:\n  - pattern: /a/***\n    headers: {}\n', 2, /headers\[0\]\.pattern "\/a\/\*\*\*"/],
    ['headers:\n  - pattern: /a\n    headers:\n      X-Empty:\n', 4, /X-Empty: expected a string value/],
    ['headers:\n  - pattern: /a\n    headers: [a, b]\n', 3, /expected a mapping of header name to value/],
    ['rules:\n  - source: /a\n    source: /b\n', 3, /unique|duplicate/i],
    ['rules: [\n', 2, /./],
    ['', 1, /empty rules file/],
    [
      '{"rules": [{"source": "/a", "destination": "/b"},\n {"source": "/x/*", "destination": "/y/:id"}]}',
      2,
      /rules\[1\]\.destination/,
    ],
  ])('refuses %j at line %i', (text, line, reason) => {
    const found = problem(text);
    expect(found.reason).toMatch(reason);
    expect(found.line).toBe(line);
  });
});
