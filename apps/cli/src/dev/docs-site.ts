import type { CliIo } from '../io.ts';
import { run } from '../main.ts';
import { DOCS_RULES_FILE, DOCS_SITE_DIR } from './demo.ts';

/**
 * Publishes the demo static site the way a user would: `switchyard static deploy … --activate` and
 * `switchyard rules set …`, run in this process. Returns what went wrong (for the banner) or undefined;
 * `dev` keeps running without the site rather than failing.
 */
export async function publishDocsSite(opts: {
  databaseUrl: string;
  storeUrl: string;
  serviceId: string;
}): Promise<string | undefined> {
  const common = ['--database-url', opts.databaseUrl];
  const steps = [
    ['static', 'deploy', opts.serviceId, DOCS_SITE_DIR, '--activate', '--store', opts.storeUrl, ...common],
    ['rules', 'set', opts.serviceId, DOCS_RULES_FILE, ...common],
  ];
  for (const argv of steps) {
    let said = '';
    const io: CliIo = {
      out: () => {},
      err: (text) => {
        said += text;
      },
      env: {},
    };
    const code = await run(argv, io);
    if (code !== 0) {
      return `switchyard ${argv.slice(0, 2).join(' ')} failed (${code}): ${said.split('\n')[0] ?? ''}`;
    }
  }
  return undefined;
}
