import { PARAMETER_LIMIT } from '../body-limits';
import type { BodyKind } from '../exchange';

/** An error shaped like body-parser's (`type`, `status`), so body-errors.ts maps both adapters alike. */
class BodyError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
    extra: { encoding?: string; charset?: string } = {},
  ) {
    super(message);
    Object.assign(this, extra);
  }
}

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `'100kb'` in bytes, as the `bytes` package (body-parser's) reads it. */
export function limitBytes(limit: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(limit);
  if (!m) throw new Error(`Not a size: ${limit}`);
  return Math.floor(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]);
}

/** Decompresses what DecompressionStream can (gzip, deflate); anything else is refused as body-parser refuses it. */
async function decode(bytes: Uint8Array, encoding: string, limit: number): Promise<Uint8Array> {
  if (encoding === 'identity') return bytes;
  if ((encoding !== 'gzip' && encoding !== 'deflate') || typeof DecompressionStream === 'undefined') {
    throw new BodyError('encoding.unsupported', 415, `unsupported content encoding "${encoding}"`, { encoding });
  }
  try {
    const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream(encoding));
    const out = new Uint8Array(await new Response(stream).arrayBuffer());
    if (out.length > limit) throw new BodyError('entity.too.large', 413, 'request entity too large');
    return out;
  } catch (err) {
    if (err instanceof BodyError) throw err;
    // As zlib's refusal reaches body-errors.ts: a code, no quote of the body.
    throw Object.assign(new Error('incorrect header check'), { code: 'Z_DATA_ERROR' });
  }
}

function charsetOf(contentType: string | undefined): string {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return (m?.[1] ?? 'utf-8').toLowerCase();
}

/** JSON as body-parser's strict mode reads it: an object or an array; an empty body is `{}`. */
function parseJson(text: string): unknown {
  if (text.length === 0) return {};
  const first = /^[\s\u0020\u000a\u000d\u0009]*(.)/.exec(text)?.[1];
  if (first !== '{' && first !== '[') throw new BodyError('entity.parse.failed', 400, 'Unexpected token');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError('entity.parse.failed', 400, 'Unexpected token');
  }
}

/** A form as body-parser's `extended: false` reads it: strings, arrays for names given twice, at most 1,000 fields. */
function parseForm(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  let fields = 0;
  for (const [name, value] of new URLSearchParams(text)) {
    if (++fields > PARAMETER_LIMIT) throw new BodyError('parameters.too.many', 413, 'too many parameters');
    const prior = out[name];
    out[name] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  return out;
}

/**
 * Reads a Fetch request's body the way body-parser reads a Node one: the
 * same limits, encodings (those a browser can decompress), charsets and
 * strictness, and errors of the same `type`.
 */
export async function parseFetchBody(request: Request, kind: BodyKind, limit: string): Promise<unknown> {
  const max = limitBytes(limit);
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > max) throw new BodyError('entity.too.large', 413, 'request entity too large');
  const raw = new Uint8Array(await request.arrayBuffer());
  if (raw.length > max) throw new BodyError('entity.too.large', 413, 'request entity too large');
  const bytes = await decode(raw, (request.headers.get('content-encoding') ?? 'identity').toLowerCase(), max);
  const charset = charsetOf(request.headers.get('content-type') ?? undefined);
  if (kind === 'json' ? !charset.startsWith('utf-') : charset !== 'utf-8') {
    throw new BodyError('charset.unsupported', 415, `unsupported charset "${charset.toUpperCase()}"`, { charset });
  }
  let text: string;
  try {
    text = new TextDecoder(charset, { fatal: false }).decode(bytes);
  } catch {
    throw new BodyError('charset.unsupported', 415, `unsupported charset "${charset.toUpperCase()}"`, { charset });
  }
  return kind === 'json' ? parseJson(text) : parseForm(text);
}
