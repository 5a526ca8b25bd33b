import type { PipelineResponse } from './exchange';
import type { HandlerResult, ResponseStream } from './types';

/** The one place a response is written. */
export function send(res: PipelineResponse, result: HandlerResult): void {
  res.statusCode = result.status;
  if (result.headers) for (const [name, value] of Object.entries(result.headers)) res.setHeader(name, value);
  if (result.stream) {
    if (result.contentType) res.setHeader('Content-Type', result.contentType);
    res.flushHeaders();
    result.stream(streamOf(res));
    return;
  }
  if (result.body === undefined) {
    res.end();
    return;
  }
  res.setHeader('Content-Type', result.contentType ?? 'application/json; charset=utf-8');
  // A text body (a vendor answering an id as text/plain) goes out as it is; anything else is JSON.
  const text = typeof result.body === 'string' && result.contentType?.startsWith('text/') ? result.body : JSON.stringify(result.body);
  // The journal reads it from here; a reference, not a copy.
  res.locals.responseText = text;
  res.end(text);
}

function streamOf(res: PipelineResponse): ResponseStream {
  return {
    write: (chunk) => res.write(chunk),
    end: () => res.end(),
    destroy: () => res.destroy(),
    get buffered() {
      return res.writableLength;
    },
    get closed() {
      return res.closed;
    },
    onClose: (fn) => {
      res.once('close', fn);
    },
  };
}
