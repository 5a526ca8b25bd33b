import fs from 'node:fs';
import path from 'node:path';
import type { ApiModule } from '../http/types';

/**
 * Every folder here is one API; its index exports `api`. Discovery instead of
 * a list means a new vendor is a spec plus a folder, and no core edit.
 */
export function discoverApis(dir: string = __dirname): ApiModule[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(dir, d.name)) as { api?: ApiModule };
      if (!mod.api) throw new Error(`mock-server/apis/${d.name} does not export 'api'`);
      if (mod.api.id !== d.name) throw new Error(`mock-server/apis/${d.name} exports an API with id '${mod.api.id}'; the id must be the folder's name`);
      return mod.api;
    });
}

export { checkMailKinds } from './mail-kinds';
