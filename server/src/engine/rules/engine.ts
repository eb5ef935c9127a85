// The engine's own findings: problems with the file or with suppressions rather than with security.
// Documented like every rule, so a user can look them up and configure them.
import type { RuleMeta } from '../model';

const base = { appliesTo: 'any' as const, aliases: [], references: [], since: '0.1.0' };

export const PARSE_ERROR: RuleMeta<'parseError'> = {
  ...base,
  id: 'BH001', name: 'parse-error', title: 'File cannot be parsed', severity: 'error',
  threat: 'container-misconfiguration', principle: 'defence-in-depth',
  rationale: 'A file that does not parse cannot be checked: every rule is silent on it, so a dangerous setting in it goes unseen, and the tool that deploys it may read it differently from what you meant.',
  remediation: 'Fix the syntax error at the marked position. For Helm templates, keep `{{ }}` expressions inside values or on lines of their own.',
  messages: { parseError: 'Syntax error: {{message}}.' },
  examples: { bad: 'services:\n  web:\n    image: nginx:1.27\n   ports: ["80:80"]\n', good: 'services:\n  web:\n    image: nginx:1.27\n', fileName: 'compose.yaml' },
};

export const UNKNOWN_SUPPRESSION: RuleMeta<'unknownRule'> = {
  ...base,
  id: 'BH002', name: 'unknown-suppression', title: 'Suppression names an unknown rule', severity: 'info',
  threat: 'container-misconfiguration', principle: 'defence-in-depth',
  rationale: 'A suppression with a mistyped id suppresses nothing, and whoever reads it believes a finding was reviewed.',
  remediation: 'Use a rule id from the rules table (for example `DF001`), or remove the comment.',
  messages: { unknownRule: 'Unknown rule id "{{id}}" in suppression.' },
  examples: { bad: '# bulkhead-ignore DF999 -- typo\nFROM alpine:3.20\nUSER 10001\n', good: 'FROM alpine:3.20\nUSER 10001\n', fileName: 'Dockerfile' },
};

export const UNUSED_SUPPRESSION: RuleMeta<'unused'> = {
  ...base,
  id: 'BH003', name: 'unused-suppression', title: 'Suppression no longer suppresses anything', severity: 'info',
  threat: 'container-misconfiguration', principle: 'defence-in-depth',
  rationale: 'A stale suppression hides the next real finding on that line without anyone reviewing it.',
  remediation: 'Remove the comment (the quick fix does it), or correct the rule id if the finding it was meant for moved.',
  messages: { unused: 'Suppression of {{ids}} matches no finding; remove it.' },
  fix: { applicability: 'safe', title: 'Remove unused suppression' },
  examples: { bad: 'FROM alpine:3.20\n# bulkhead-ignore DF001 -- not needed\nUSER 10001\n', good: 'FROM alpine:3.20\nUSER 10001\n', fileName: 'Dockerfile' },
};

export const FILE_SKIPPED: RuleMeta<'tooLarge' | 'binary' | 'tooDeep'> = {
  ...base,
  id: 'BH004', name: 'file-skipped', title: 'File skipped', severity: 'info',
  threat: 'container-misconfiguration', principle: 'defence-in-depth',
  rationale: 'Files that are binary or larger than the configured limit, and YAML documents nested deeper than any real manifest (deep enough to exhaust the parser), are not analyzed, so they are not covered by any rule.',
  remediation: 'Split very large manifests, or raise the limit if the file really is a manifest. Flatten a YAML document that nests deeper than the limit; the other documents of the file are analyzed.',
  messages: {
    tooLarge: 'Not analyzed: {{size}} bytes is over the {{limit}}-byte limit.',
    binary: 'Not analyzed: the file looks binary.',
    tooDeep: 'Not analyzed: this YAML document nests deeper than {{limit}} levels.',
  },
  examples: { bad: 'FROM alpine:3.20\u0000\n', good: 'FROM alpine:3.20\nUSER 10001\n', fileName: 'Dockerfile' },
};

export const ENGINE_METAS: RuleMeta[] = [PARSE_ERROR, UNKNOWN_SUPPRESSION, UNUSED_SUPPRESSION, FILE_SKIPPED];
