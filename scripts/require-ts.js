'use strict';
// Loads a small TypeScript module of the project from a script that runs before the build
// (type generation), so a rule the TypeScript side keeps is not written again in JavaScript.
// Only for modules whose imports are types, node built-ins, packages, or other such TypeScript
// modules of the project: those are transpiled too, while the load lasts (a temporary `.ts` hook).
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const cache = new Map();

function transpile(full) {
  const ts = require('typescript');
  return ts.transpileModule(fs.readFileSync(full, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: full,
  }).outputText;
}

function requireTs(file) {
  const full = path.resolve(file);
  if (cache.has(full)) return cache.get(full);
  // Registered only during this load, so nothing else this script requires later is run as TypeScript.
  const previous = Object.getOwnPropertyDescriptor(Module._extensions, '.ts');
  Module._extensions['.ts'] = (mod, filename) => mod._compile(transpile(filename), filename);
  try {
    const mod = new Module(full, module);
    mod.filename = full;
    mod.paths = Module._nodeModulePaths(path.dirname(full));
    mod._compile(transpile(full), full);
    cache.set(full, mod.exports);
    return mod.exports;
  } finally {
    if (previous) Object.defineProperty(Module._extensions, '.ts', previous);
    else delete Module._extensions['.ts'];
  }
}

module.exports = { requireTs };
