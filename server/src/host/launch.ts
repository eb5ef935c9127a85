// The entry of dist/server.js and dist/cli.js: runs the bundle beside it (server.bundle.js,
// cli.bundle.js) from V8's code cache when there is one (host/codeCache.ts).
import { compileCached } from './codeCache';

/** Set by scripts/bundle.mjs: the bundle's hash, and whether its cache is written at exit (see Cached). */
declare const BUNDLE_HASH: string;
declare const WRITE_ON_EXIT: boolean;

const bundle = __filename.replace(/\.js$/, '.bundle.js');
// The bundle runs as this module would: its require resolves beside it (dist/cel.js), and require.main is this module.
compileCached(bundle, { hash: BUNDLE_HASH, writeOnExit: WRITE_ON_EXIT })(module.exports, require, module, __filename, __dirname);
