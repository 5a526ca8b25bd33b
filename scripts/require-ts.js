'use strict';
// Loads a small TypeScript module of the project from a script that runs before the build
// (type generation), so a rule the TypeScript side keeps is not written again in JavaScript.
// Only for dependency-free modules: their imports must be types alone, or node built-ins.
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const cache = new Map();

function requireTs(file) {
  const full = path.resolve(file);
  if (cache.has(full)) return cache.get(full);
  const ts = require('typescript');
  const { outputText } = ts.transpileModule(fs.readFileSync(full, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: full,
  });
  const mod = new Module(full, module);
  mod.filename = full;
  mod.paths = Module._nodeModulePaths(path.dirname(full));
  mod._compile(outputText, full);
  cache.set(full, mod.exports);
  return mod.exports;
}

module.exports = { requireTs };
