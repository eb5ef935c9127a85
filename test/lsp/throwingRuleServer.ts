// The language server with one more rule, for Dockerfiles, that always throws: what BH005 looks like in the
// editor. Never shipped; the LSP test starts it from the compiled tree instead of dist/server.js.
import { ALL_RULES } from '../../server/src/engine/index';
import type { AnyRule } from '../../server/src/engine/rule';
import { throwingRule } from '../harness/throwingRule';

(ALL_RULES as AnyRule[]).push(throwingRule('dockerfile'));
// Loaded after the registry holds the rule: the server starts listening on stdio as it loads.
require('../../server/src/server');
