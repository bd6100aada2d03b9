// A serving thread's side of the certificate store, for tests: answers the test's commands through
// the CertificateClient it builds from the port in workerData, and reports what the store broadcasts.
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { CertificateClient } from '../../src/tls/certificate-client.ts';

const client = new CertificateClient((workerData as { port: MessagePort }).port);
const parent = parentPort as MessagePort;

client.onInvalidate((invalidation) => parent.postMessage({ type: 'invalidated', invalidation }));
client.onTicketKeys((keys) =>
  parent.postMessage({ type: 'ticket-keys', current: keys.current.toString('hex'), previous: keys.previous.length }),
);
await client.ready;
parent.postMessage({ type: 'ready', version: client.version, hasTicketKeys: client.ticketKeys !== undefined });

parent.on(
  'message',
  async (command: { id: number; lookup?: string; covers?: { names: string[] | null; serverName: string } }) => {
    if (command.lookup !== undefined) {
      const match = await client.lookup(command.lookup);
      parent.postMessage({ type: 'result', id: command.id, match });
    } else if (command.covers) {
      const covers = CertificateClient.invalidates(
        { names: command.covers.names, version: 0 },
        command.covers.serverName,
      );
      parent.postMessage({ type: 'result', id: command.id, covers });
    }
  },
);
