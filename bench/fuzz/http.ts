import http from 'node:http';
import type { ObservedResponse } from '../../contracts/core';

export interface RawRequest {
  method: string;
  /** Path and query, as sent (already encoded). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Send the body in chunks (Transfer-Encoding: chunked) instead of with a Content-Length. */
  chunked?: boolean;
}

/** A request the HTTP client itself refused to send (an invalid header character, say): not the server's doing. */
export class UnsendableRequest extends Error {}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

/** Sends one request to a server on 127.0.0.1 and reads the whole answer. */
export function send(port: number, request: RawRequest, timeoutMs = 10_000): Promise<ObservedResponse> {
  return new Promise((resolve, reject) => {
    let req: http.ClientRequest;
    try {
      const headers: Record<string, string> = { ...request.headers };
      // Node's client chunks a GET or DELETE body only when told to; unframed bytes would read as a second request.
      if (request.body) headers[request.chunked ? 'transfer-encoding' : 'content-length'] = request.chunked ? 'chunked' : String(request.body.length);
      req = http.request({ host: '127.0.0.1', port, method: request.method, path: request.path, headers, agent });
    } catch (err) {
      reject(new UnsendableRequest((err as Error).message));
      return;
    }
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      // An event stream never ends by itself: its status and headers are the answer.
      if (String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
        resolve({ status: res.statusCode ?? 0, headers: { ...res.headers }, text: '' });
        res.destroy();
        return;
      }
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const headers: ObservedResponse['headers'] = {};
        for (const [k, v] of Object.entries(res.headers)) headers[k.toLowerCase()] = v;
        resolve({ status: res.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    if (request.body && request.chunked) {
      const half = Math.floor(request.body.length / 2);
      req.write(request.body.subarray(0, half));
      req.end(request.body.subarray(half));
    } else {
      req.end(request.body);
    }
  });
}

/** Closes the kept-alive sockets so that the process can exit. */
export function closeConnections(): void {
  agent.destroy();
}
