// Every dockerfile rule, in id order. A rule file not listed here fails the registry parity test.
import type { Rule } from '../../rule';
import preferCopyOverAdd from './prefer-copy-over-add';

export const DOCKERFILE_RULES: Rule<'dockerfile'>[] = [
  preferCopyOverAdd,
];
