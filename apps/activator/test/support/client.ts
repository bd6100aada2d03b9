import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface Answer {
  status: number;
  text: string;
  headers: IncomingHttpHeaders;
}

/** One request on a fresh connection: through the router (Host picks the service) or straight to the activator. */
export function request(
  port: number,
  host: string,
  options: { method?: string; path?: string; body?: Buffer; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
        path: options.path ?? '/',
        headers: { host, ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A random body and what the demo app's /echo must answer for it. */
export function randomBody(maxBytes: number): { body: Buffer; expected: string } {
  const body = randomBytes(1 + Math.floor(Math.random() * maxBytes));
  return { body, expected: `${body.length} ${createHash('sha256').update(body).digest('hex')}` };
}
