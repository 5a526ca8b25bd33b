/**
 * Jest runs CommonJS; a few of msw's dependencies (rettime, until-async)
 * ship ES modules only. esbuild turns each such file into CommonJS as jest
 * loads it (the README's msw recipe for jest uses the same two lines).
 */
const { transformSync } = require('esbuild');

module.exports = {
  process(source, file) {
    return { code: transformSync(source, { format: 'cjs', loader: 'js', sourcefile: file, target: 'node20' }).code };
  },
};
