/**
 * A piscina task module next to this one: `NAME.ts` from sources (vitest, Node's type
 * stripping, workspace packages resolved to their sources), `NAME.js` from dist.
 */
export function taskModule(name: string): { filename: string; execArgv: string[] } {
  const fromSources = import.meta.url.endsWith('.ts');
  return {
    filename: new URL(fromSources ? `./${name}.ts` : `./${name}.js`, import.meta.url).href,
    execArgv: fromSources ? ['--conditions=source', '--disable-warning=ExperimentalWarning'] : [],
  };
}
