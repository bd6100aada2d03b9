// The benchmark backend: a Node http server answering a 12-byte body on every request.
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 9101);
const body = Buffer.from('hello world\n');
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`backend on ${port}`));
