// The packed package installed into a project outside the repository, as a user gets it:
// npm's own install from the tarball, offline from the cache; when that cannot work (no cache),
// the same layout by hand: the tarball unpacked and the repository's copies of its dependencies linked.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const repoModules = path.join(root, 'node_modules');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 240_000, ...options, env: { ...process.env, ...options.env } });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}:\n${output}${r.error ? `\n${r.error.message}` : ''}`);
  return output;
}

/** `npm pack` of the repository into `dest`; answers the tarball's path and npm's file list. */
function pack(dest, options = {}) {
  const out = run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], { cwd: root, ...options });
  const [info] = JSON.parse(out.slice(out.indexOf('[')));
  return { tarball: path.join(dest, info.filename), info };
}

/** Links a package from the repository's node_modules into the project's. */
function linkFromRepository(project, dep) {
  const link = path.join(project, 'node_modules', dep);
  if (fs.existsSync(link)) return;
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.symlinkSync(fs.realpathSync(path.join(repoModules, dep)), link, 'dir');
}

/**
 * Installs the tarball and `extra` packages (names the repository has installed, at its versions)
 * into `project`; answers a note when it fell back to unpacking and linking.
 */
function install(project, tarball, { extra = [], timeout } = {}) {
  const versioned = extra.map((dep) => `${dep}@${JSON.parse(fs.readFileSync(path.join(repoModules, dep, 'package.json'), 'utf8')).version}`);
  try {
    return run(npm, ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball, ...versioned], { cwd: project, timeout });
  } catch (err) {
    const target = path.join(project, 'node_modules', 'authmock');
    fs.rmSync(path.join(project, 'node_modules'), { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true });
    run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
    const manifest = JSON.parse(fs.readFileSync(path.join(target, 'package.json'), 'utf8'));
    for (const dep of [...Object.keys(manifest.dependencies ?? {}), ...extra]) linkFromRepository(project, dep);
    const bin = path.join(project, 'node_modules', '.bin');
    fs.mkdirSync(bin, { recursive: true });
    for (const [name, file] of Object.entries(manifest.bin ?? {})) {
      fs.symlinkSync(path.join('..', 'authmock', file), path.join(bin, name));
      fs.chmodSync(path.join(target, file), 0o755);
    }
    return `npm install --offline could not install from the cache (${err.message.split('\n').find((l) => /ERR|error/i.test(l)) ?? 'see above'}); unpacked the tarball and linked its dependencies instead`;
  }
}

module.exports = { root, repoModules, npm, run, pack, install, linkFromRepository };
