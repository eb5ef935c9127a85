// Every kubernetes rule, in id order. A rule file not listed in one of these lists fails the registry
// parity test. The lists are split by id range so each family is edited on its own.
import type { Rule } from '../../rule';
import { WORKLOAD_RULES } from './workload-rules';
import { OBJECT_RULES } from './object-rules';
import { SECRET_RULES } from './secret-rules';
import { CLUSTER_RULES } from './cluster-rules';

export const KUBERNETES_RULES: Rule<'kubernetes'>[] = [...WORKLOAD_RULES, ...OBJECT_RULES, ...SECRET_RULES, ...CLUSTER_RULES];
