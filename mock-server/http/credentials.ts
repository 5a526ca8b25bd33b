import type { OpenAPIV3 } from 'openapi-types';
import type { CompiledOperation } from '../../contracts/core/compile';
import type { PipelineRequest } from './exchange';
import type { Credential } from './types';

/** Collects the credentials the request carries for each security scheme the operation accepts. */
export function extractCredentials(op: CompiledOperation, req: PipelineRequest, cookies: Record<string, string>): Credential[] {
  const out: Credential[] = [];
  if (op.security.length === 0) return out;
  const seen = new Set<string>();
  for (const requirement of op.security) {
    for (const name of Object.keys(requirement)) {
      if (seen.has(name)) continue;
      seen.add(name);
      const value = read(op.securitySchemes[name], req, cookies);
      if (value) out.push({ scheme: name, value });
    }
  }
  return out;
}

function read(scheme: OpenAPIV3.SecuritySchemeObject | undefined, req: PipelineRequest, cookies: Record<string, string>): string | undefined {
  if (!scheme) return undefined;
  if (scheme.type === 'apiKey') {
    if (scheme.in === 'header') return headerValue(req, scheme.name);
    if (scheme.in === 'cookie') return cookies[scheme.name] || undefined;
    if (scheme.in === 'query') {
      const value = req.query[scheme.name];
      return typeof value === 'string' ? value : undefined;
    }
  }
  if (scheme.type === 'http') {
    const auth = headerValue(req, 'authorization');
    const prefix = `${scheme.scheme} `;
    // The scheme word is case-insensitive (RFC 9110); a header with another scheme is no credential for this one.
    if (auth && auth.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase()) return auth.slice(prefix.length).trim() || undefined;
  }
  return undefined;
}

function headerValue(req: PipelineRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return typeof v === 'string' && v !== '' ? v : undefined;
}
