// Rules on non-workload objects and workload wiring (RBAC, Services, Ingress, NetworkPolicy, service
// accounts, images, resources, misc), K8S040-K8S079, in id order.
import type { Rule } from '../../rule';

export const OBJECT_RULES: Rule<'kubernetes'>[] = [];
