/**
 * The router's own plain-text answers (errors, refusals): `<status> <reason>: <text>` and a newline,
 * never cached. One format for every page the router writes itself, static sites' included
 * (apps/router pre-builds its fixed pages from this at load time).
 */
export interface TextPage {
  readonly body: Buffer;
  /** Flat header list for `res.writeHead`: content type, length, cache-control. */
  readonly headers: string[];
}

export function textPage(status: number, reason: string, text: string): TextPage {
  const body = Buffer.from(`${status} ${reason}: ${text}\n`, 'utf8');
  return {
    body,
    headers: [
      'content-type',
      'text/plain; charset=utf-8',
      'content-length',
      String(body.length),
      'cache-control',
      'no-store',
    ],
  };
}

/** A redirect's answer: `Location`, and a one-line body naming it (for clients that do not follow). */
export function redirectPage(location: string): TextPage {
  const body = Buffer.from(`Redirecting to ${location}\n`, 'utf8');
  return {
    body,
    headers: [
      'location',
      location,
      'content-type',
      'text/plain; charset=utf-8',
      'content-length',
      String(body.length),
      'cache-control',
      'no-cache',
    ],
  };
}
