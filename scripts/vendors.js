'use strict';
// The vendors the mock serves, read from the specs' `info.x-authmock-vendor`, in their listing order.
// For the plain-JavaScript scripts; the TypeScript side reads the same field in mock-server/vendors.ts.
const fs = require('node:fs');
const path = require('node:path');
const SwaggerParser = require('@apidevtools/swagger-parser');

const SPECS = path.join(__dirname, '..', 'specs');

/** @returns {Promise<{id: string, name: string, order: number, file: string, basePath: string}[]>} */
async function loadVendors(dir = SPECS) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.openapi.yaml')).sort();
  const vendors = [];
  for (const f of files) {
    const doc = await SwaggerParser.parse(path.join(dir, f));
    const facts = doc.info && doc.info['x-authmock-vendor'];
    if (!facts) continue;
    const url = new URL((doc.servers && doc.servers[0] && doc.servers[0].url) || '/', 'http://placeholder');
    const basePath = url.pathname.replace(/\/+$/, '');
    vendors.push({ id: f.replace(/\.openapi\.yaml$/, ''), name: facts.name, order: facts.order, file: path.join(dir, f), basePath });
  }
  return vendors.sort((a, b) => a.order - b.order);
}

/** `edge-impulse` → `EDGE_IMPULSE`, as in CONTRACT_EDGE_IMPULSE_URL. */
const envName = (id) => id.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

module.exports = { loadVendors, envName };
