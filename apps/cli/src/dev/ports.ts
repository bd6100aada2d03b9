import { createServer } from 'node:net';

/** A port `switchyard dev` needs is taken; the message names the port and the flag that moves it. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  readonly code = 'PORT_IN_USE';
}

function canBind(host: string, port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/** Binds and releases every planned port, before anything is started; the first taken one is an error. */
export async function assertPortsFree(ports: { what: string; host: string; port: number; flag: string }[]) {
  const seen = new Map<number, string>();
  for (const p of ports) {
    const clash = seen.get(p.port);
    if (clash) throw new PortInUseError(`port ${p.port} is planned for both ${clash} and ${p.what}: change ${p.flag}`);
    seen.set(p.port, p.what);
  }
  for (const p of ports) {
    const error = await canBind(p.host, p.port);
    if (!error) continue;
    const why = error.code === 'EADDRINUSE' ? 'is already in use' : `cannot be bound (${error.code ?? error.message})`;
    throw new PortInUseError(`port ${p.port} on ${p.host} (${p.what}) ${why}: pick another with ${p.flag}`);
  }
}
