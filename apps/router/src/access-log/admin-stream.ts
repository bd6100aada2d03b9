import type { AdminRoute } from '@switchyard/telemetry';
import type { AccessLog } from './access-log.ts';
import { AccessFilterError, accessFilter, parseAccessLine } from './filter.ts';

/**
 * `GET /debug/access-log?service=ID&host=NAME&status=5xx&follow=1`: the access log's recent lines
 * (the logger thread keeps the last 1000) that match, as NDJSON; with `follow=1` the response stays
 * open and every matching line written from then on follows. Without an access log: 404.
 */
export function accessLogRoute(log: AccessLog | undefined): AdminRoute {
  return (req, res, url) => {
    if (log === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('this router has no access log (--access-log off)\n');
      return;
    }
    let matches: ReturnType<typeof accessFilter>;
    try {
      const q = url.searchParams;
      matches = accessFilter({
        ...(q.has('service') ? { service: q.get('service') as string } : {}),
        ...(q.has('host') ? { host: q.get('host') as string } : {}),
        ...(q.has('status') ? { status: q.get('status') as string } : {}),
      });
    } catch (error) {
      if (!(error instanceof AccessFilterError)) throw error;
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`${error.message}\n`);
      return;
    }
    const follow = url.searchParams.get('follow') === '1';
    res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
    res.flushHeaders();
    let first = true;
    const unsubscribe = log.subscribe((lines) => {
      let out = '';
      for (const text of lines) {
        const line = parseAccessLine(text);
        if (line !== undefined && matches(line)) out += `${text}\n`;
      }
      if (out !== '') res.write(out);
      if (first && !follow) {
        unsubscribe();
        res.end();
      }
      first = false;
    });
    req.on('close', unsubscribe);
    res.on('close', unsubscribe);
  };
}
