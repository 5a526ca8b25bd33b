import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a stub answers: a status, headers and a body (an object is sent as JSON). */
export interface StubReply {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string | object;
}

export interface StubServer {
  url: string;
  /** `METHOD path` of every request received, in order. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A server on 127.0.0.1 and an ephemeral port that answers each request with
 * what `reply` returns for its method and path (query included).
 */
export async function stubServer(reply: (method: string, path: string, headers: http.IncomingHttpHeaders, body: string) => StubReply): Promise<StubServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push(`${req.method} ${req.url}`);
      const r = reply(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks).toString('utf8'));
      const json = r.body !== undefined && typeof r.body !== 'string';
      res.writeHead(r.status, { ...(json ? { 'Content-Type': 'application/json' } : {}), ...r.headers });
      res.end(json ? JSON.stringify(r.body) : r.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
