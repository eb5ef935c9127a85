// Every kubernetes rule, in id order. A rule file not listed here fails the registry parity test.
import type { Rule } from '../../rule';
import noPrivileged from './no-privileged';

export const KUBERNETES_RULES: Rule<'kubernetes'>[] = [
  noPrivileged,
];
