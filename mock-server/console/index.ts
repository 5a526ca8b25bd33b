import { TENANT_NAME_PART, TENANT_PREFIX_PATTERN } from '../../contracts/core/tenant-name';
import type { PipelineResponse, Stage } from '../http/exchange';
import { problem } from '../http/problem';
import { send } from '../http/responder';
import { ASSET_PREFIX, loadConsoleBundle, UI_PATH, type ConsoleBundle } from './assets';

const encoder = new TextEncoder();

// The page of one tenant (it reads the tenant from its path); opening it creates no tenant.
const TENANT_PAGE = new RegExp(`^${TENANT_PREFIX_PATTERN}${TENANT_NAME_PART}\\/__admin\\/ui\\/?$`);

const SHARED_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

/**
 * The developer console at `/__admin/ui`: the page (never cached, so a new
 * build is picked up), its content-hashed assets (cached for a year), and a
 * redirect there for a browser that opens `/`. API clients asking for `/`
 * still get the JSON 404. The files are read once, on the first request.
 */
export function consoleMiddleware(load: () => ConsoleBundle = loadConsoleBundle): Stage {
  let bundle: ConsoleBundle | undefined;
  let html: Uint8Array | undefined;
  return (req, res, next) => {
    const p = req.path;
    const page = p === UI_PATH || p === `${UI_PATH}/` || TENANT_PAGE.test(p);
    if (!page && !p.startsWith(ASSET_PREFIX) && p !== '/') return next();
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (p === '/') {
      if (!(req.headers.accept ?? '').includes('text/html')) return next();
      return send(res, { status: 302, headers: { Location: UI_PATH, 'Cache-Control': 'no-cache' } });
    }
    try {
      bundle ??= load();
    } catch (err) {
      return send(res, problem(503, (err as Error).message));
    }
    if (p.startsWith(ASSET_PREFIX)) {
      const asset = bundle.assets.get(p);
      if (!asset) return send(res, problem(404, `No console asset is served at ${p}`));
      return answer(res, req.method, asset.body, { 'Content-Type': asset.contentType, 'Cache-Control': 'public, max-age=31536000, immutable' });
    }
    html ??= encoder.encode(bundle.html);
    answer(res, req.method, html, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache', 'Content-Security-Policy': bundle.csp });
  };
}

function answer(res: PipelineResponse, method: string, body: Uint8Array, headers: Record<string, string>): void {
  res.statusCode = 200;
  for (const [name, value] of Object.entries({ ...SHARED_HEADERS, ...headers })) res.setHeader(name, value);
  res.setHeader('Content-Length', body.length);
  res.end(method === 'HEAD' ? undefined : body);
}
