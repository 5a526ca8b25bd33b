import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const UI_PATH = '/__admin/ui';
export const ASSET_PREFIX = `${UI_PATH}/assets/`;

export interface Asset {
  body: Buffer;
  contentType: string;
}

/** The console's files by hashed URL, the page that loads them, and the policy that allows only them. */
export interface ConsoleBundle {
  assets: Map<string, Asset>;
  html: string;
  csp: string;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The package root: the nearest folder above with our package.json, so an installed tarball finds its files too. */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'authmock') return dir;
    if (path.dirname(dir) === dir) throw new Error(`No authmock package.json above ${from}`);
  }
}

const hashOf = (data: Buffer | string, encoding: 'hex' | 'base64'): string => createHash('sha256').update(data).digest(encoding);

function hashedName(file: string, body: Buffer): string {
  const ext = path.extname(file);
  return `${path.basename(file, ext)}.${hashOf(body, 'hex').slice(0, 12)}${ext}`;
}

/** Preact's ES module builds, resolved like any dependency (the package may be hoisted above ours). */
const VENDOR_MODULES = ['preact', 'preact/hooks', 'preact/jsx-runtime'];

/**
 * Reads the compiled console (`dist/console`, built by `npm run build`), its
 * static files and Preact, and gives each a content-hashed URL. The browser
 * finds them through an import map: bare `preact` specifiers, and the plain
 * URLs the compiled modules import each other by, both map to hashed ones.
 */
export function loadConsoleBundle(root: string = packageRoot()): ConsoleBundle {
  const compiled = path.join(root, 'dist', 'console');
  if (!fs.existsSync(path.join(compiled, 'main.js'))) throw new Error(`The console is not built (${compiled}/main.js is missing): run npm run build`);
  const assets = new Map<string, Asset>();
  const imports: Record<string, string> = {};
  // `dir` keeps a compiled module's folder, so its relative imports resolve beside it.
  const add = (file: string, dir = ''): string => {
    const body = fs.readFileSync(file);
    const url = ASSET_PREFIX + dir + hashedName(file, body);
    assets.set(url, { body, contentType: TYPES[path.extname(file)] ?? 'application/octet-stream' });
    return url;
  };
  for (const entry of fs.readdirSync(compiled, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.js')) continue;
    const relative = entry.split(path.sep).join('/');
    imports[ASSET_PREFIX + relative] = add(path.join(compiled, entry), relative.slice(0, relative.lastIndexOf('/') + 1));
  }
  for (const specifier of VENDOR_MODULES) imports[specifier] = add(require.resolve(specifier, { paths: [root] }));
  const styles = add(path.join(root, 'console', 'static', 'console.css'));
  const icon = add(path.join(root, 'console', 'static', 'icon.svg'));

  const importMap = JSON.stringify({ imports });
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>authmock console</title>
<link rel="icon" href="${icon}" type="image/svg+xml">
<link rel="stylesheet" href="${styles}">
<script type="importmap">${importMap}</script>
<script type="module" src="${imports[`${ASSET_PREFIX}main.js`]}"></script>
</head>
<body>
<div id="app"><noscript>The authmock console needs JavaScript.</noscript></div>
</body>
</html>
`;
  // The import map is the one inline script; its hash lets exactly it run.
  const csp = [
    "default-src 'none'",
    `script-src 'self' 'sha256-${hashOf(importMap, 'base64')}'`,
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { assets, html, csp };
}
