// tfjs-node 4.22 calls `util.isNullOrUndefined`, which Node.js removed in v23 (deprecated since
// v4): on Node 24 every native kernel that builds op attributes (MatMul, Conv2D, …) throws
// "isNullOrUndefined is not a function". tfjs-node resolves it on `require('util')` at call time,
// so defining the missing function on the module object before tfjs-node runs restores it.
import * as util from 'node:util';

type LegacyUtil = { isNullOrUndefined?: (value: unknown) => boolean };

/** Restores the util functions tfjs-node needs; a no-op on Node versions that still have them. */
export function restoreLegacyUtil(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('node:util') as typeof util & LegacyUtil;
  if (typeof mod.isNullOrUndefined !== 'function') {
    mod.isNullOrUndefined = (value: unknown) => value === null || value === undefined;
  }
}
