import type fs from 'node:fs';

/** The file-system calls the state file makes; a test hands in one that fails on purpose (a full disk, a folder gone). */
export type StateFs = Pick<typeof fs.promises, 'open' | 'rename' | 'mkdir' | 'stat' | 'rm' | 'chmod'>;
