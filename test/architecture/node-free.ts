import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { importsOf, ROOT } from './import-graph';

/** Modules that exist only in Node: its built-ins (with or without `node:`), and packages built on them. */
const NODE_ONLY_PACKAGES = new Set(['jsonwebtoken']);
const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

export function isNodeOnlyModule(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  const root = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
  return BUILTINS.has(root) || NODE_ONLY_PACKAGES.has(root);
}

/**
 * Node's own globals: what a browser or a service worker lacks. `NodeJS` is
 * the types' namespace (`NodeJS.Timeout`), which a build for the browser
 * without Node's types cannot resolve.
 */
const NODE_GLOBALS = new Set(['Buffer', 'process', 'global', '__dirname', '__filename', 'require', 'module', 'setImmediate', 'clearImmediate', 'NodeJS']);

/** Whether an identifier stands for a global here rather than naming a property, a member or a key. */
function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if ((ts.isPropertyAccessExpression(p) || ts.isQualifiedName(p)) && (ts.isPropertyAccessExpression(p) ? p.name : p.right) === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isMethodSignature(p)) && p.name === id) return false;
  if ((ts.isImportSpecifier(p) || ts.isExportSpecifier(p)) && p.propertyName === id) return false;
  return true;
}

/** What ties one file to Node: imports of Node-only modules and uses of Node's globals, as `what (line N)`. */
export function nodeTiesOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const line = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const ties = importsOf(file)
    .filter((e) => isNodeOnlyModule(e.specifier))
    .map((e) => `imports '${e.specifier}'`);
  // A name declared in the file itself (a parameter called `module`, say) is not the global.
  const declared = new Set<string>();
  const uses: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isFunctionDeclaration(node)) && node.name && ts.isIdentifier(node.name)) declared.add(node.name.text);
    if (ts.isIdentifier(node) && NODE_GLOBALS.has(node.text) && isReference(node)) uses.push(`uses ${node.text} (line ${line(node.getStart(source))})`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...ties, ...uses.filter((u) => !declared.has(u.split(' ')[1]))];
}
