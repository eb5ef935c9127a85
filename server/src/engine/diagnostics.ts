// The engine's own findings (the BH ids): problems with the file, its analysis or its suppressions rather
// than with security. They are not rules (no check runs them: analyze.ts reports them), but documented
// like every rule, so a user can look them up and configure them.
import type { RuleMeta } from './model';

const base = { appliesTo: 'any' as const, aliases: [], references: [], since: '0.1.0' };

export const PARSE_ERROR: RuleMeta<'parseError'> = {
  ...base,
  id: 'BH001',
  name: 'parse-error',
  title: 'File cannot be parsed',
  severity: 'error',
  threat: 'container-misconfiguration',
  principle: 'defence-in-depth',
  rationale:
    'A file that does not parse cannot be checked: every rule is silent on it, so a dangerous setting in it goes unseen, and the tool that deploys it may read it differently from what you meant.',
  remediation: 'Fix the syntax error at the marked position. For Helm templates, keep `{{ }}` expressions inside values or on lines of their own.',
  messages: { parseError: 'Syntax error: {{message}}.' },
  examples: { bad: 'services:\n  web:\n    image: nginx:1.27\n   ports: ["80:80"]\n', good: 'services:\n  web:\n    image: nginx:1.27\n', fileName: 'compose.yaml' },
};

export const UNKNOWN_SUPPRESSION: RuleMeta<'unknownRule' | 'unknownConfigRule'> = {
  ...base,
  id: 'BH002',
  name: 'unknown-suppression',
  title: 'Suppression or setting names an unknown rule',
  severity: 'info',
  threat: 'container-misconfiguration',
  principle: 'defence-in-depth',
  rationale:
    'A suppression with a mistyped id suppresses nothing, and whoever reads it believes a finding was reviewed. The same holds for a mistyped id under `rules:` in `.bulkhead.yaml`/`.yml`/`.json`: the rule it meant to turn off or tighten keeps its default.',
  remediation: 'Use a rule id from the rules table (for example `DF001`, in capitals), or remove the comment or setting.',
  messages: {
    unknownRule: 'Unknown rule id "{{id}}" in suppression.',
    unknownConfigRule: 'Unknown rule id "{{id}}" in the configuration: this setting has no effect.',
  },
  examples: { bad: '# bulkhead-ignore DF999 -- typo\nFROM alpine:3.20\nUSER 10001\n', good: 'FROM alpine:3.20\nUSER 10001\n', fileName: 'Dockerfile' },
};

export const UNUSED_SUPPRESSION: RuleMeta<'unused'> = {
  ...base,
  id: 'BH003',
  name: 'unused-suppression',
  title: 'Suppression no longer suppresses anything',
  severity: 'info',
  threat: 'container-misconfiguration',
  principle: 'defence-in-depth',
  rationale: 'A stale suppression hides the next real finding on that line without anyone reviewing it.',
  remediation: 'Remove the comment (the quick fix does it), or correct the rule id if the finding it was meant for moved.',
  messages: { unused: 'Suppression of {{ids}} matches no finding; remove it.' },
  fix: { applicability: 'safe', title: 'Remove unused suppression' },
  examples: { bad: 'FROM alpine:3.20\n# bulkhead-ignore DF001 -- not needed\nUSER 10001\n', good: 'FROM alpine:3.20\nUSER 10001\n', fileName: 'Dockerfile' },
};

export const FILE_SKIPPED: RuleMeta<'tooLarge' | 'binary' | 'tooDeep'> = {
  ...base,
  id: 'BH004',
  name: 'file-skipped',
  title: 'File skipped',
  severity: 'info',
  threat: 'container-misconfiguration',
  principle: 'defence-in-depth',
  rationale:
    'Files that are binary or larger than the configured limit, and YAML documents nested deeper than any real manifest (deep enough to exhaust the parser), are not analyzed, so they are not covered by any rule.',
  remediation:
    'Split very large manifests, or raise the limit if the file really is a manifest. Flatten a YAML document that nests deeper than the limit; the other documents of the file are analyzed.',
  messages: {
    tooLarge: 'Not analyzed: {{size}} bytes is over the {{limit}}-byte limit.',
    binary: 'Not analyzed: the file looks binary.',
    tooDeep: 'Not analyzed: this YAML document nests deeper than {{limit}} levels.',
  },
  examples: { bad: 'FROM alpine:3.20\u0000\n', good: 'FROM alpine:3.20\nUSER 10001\n', fileName: 'Dockerfile' },
};

export const ANALYSIS_INCOMPLETE: RuleMeta<'ruleFailed' | 'fileFailed' | 'notIndexed' | 'namespaceLevelsFailed' | 'tooManyFindings'> = {
  ...base,
  id: 'BH005',
  name: 'analysis-incomplete',
  title: 'File not fully analyzed',
  severity: 'warning',
  threat: 'container-misconfiguration',
  principle: 'defence-in-depth',
  rationale:
    'A check that failed on a file says nothing about it: without this finding the file would look clean. A file crafted to break one check must not be able to hide what the other checks, or the other files, would report.',
  remediation:
    'This is a bug in Bulkhead, not in your file: report it with the file (or a reduced copy) and the message. Until it is fixed, check by hand what the message says was skipped: everything else was checked as usual. A rule that stopped after too many findings is not a bug: fix the findings it reported (or turn the rule off for a generated file) and the rest are reported.',
  messages: {
    ruleFailed: 'Rule {{id}} ({{name}}) failed on this file, so its checks were skipped: {{error}}.',
    fileFailed: 'Analysis failed, so no rule checked this file: {{error}}.',
    notIndexed: 'The workspace index cannot read this file, so the cross-file checks of other files do not see it: {{error}}.',
    namespaceLevelsFailed: 'Reading the workspace failed, so the Pod Security levels its Namespaces enforce were not applied: {{error}}.',
    tooManyFindings: 'Rule {{id}} ({{name}}) stopped after {{limit}} findings in this file; its other findings are not reported.',
  },
  // No content triggers it (only a failing rule does): the meta tests run `bad` with a rule that throws.
  examples: { bad: '# Flagged when a rule fails on the file, whatever the file contains.\nFROM alpine:3.20\nUSER 10001\n', good: 'FROM alpine:3.20\nUSER 10001\n', fileName: 'Dockerfile' },
};

export const OUTSIDE_WORKSPACE: RuleMeta<'outside'> = {
  ...base,
  id: 'BH006',
  name: 'outside-workspace',
  title: 'Reference outside the workspace not evaluated',
  severity: 'info',
  since: '0.2.0',
  threat: 'container-misconfiguration',
  principle: 'defence-in-depth',
  rationale:
    "Bulkhead reads, lists and edits files inside the workspace only (the editor's workspace folders; for `bulkhead scan`, the scanned directories or `--root`), and never follows a symbolic link out of it: a file under review must not make the tool read, quote or rewrite files elsewhere on the machine (`env_file: /etc/shadow`, `build.context: ../../..`, a `.dockerignore` linked to another repository). A reference that leads outside is therefore not checked, and the cross-file rule that would have followed it says nothing about it.",
  remediation:
    'Keep env files, build contexts and Dockerfiles inside the repository, or widen the workspace: open the enclosing folder in the editor, or pass `--root <dir>` to `bulkhead scan`. Fixes that would edit a file outside the workspace are never offered, in the editor or by `--fix`.',
  messages: { outside: 'Not evaluated: {{reference}} is outside the workspace.' },
  examples: {
    bad: 'services:\n  api:\n    image: example/api:1.0\n    env_file: ../shared/api.env\n',
    good: 'services:\n  api:\n    image: example/api:1.0\n    env_file: api.env\n',
    fileName: 'compose.yaml',
    workspace: { 'api.env': 'LOG_LEVEL=info\n' },
  },
};

const HELM_EXAMPLE_CHART = { 'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n', 'chart/values.yaml': 'image: nginx:1.27\n' };

export const HELM_NOT_EVALUATED: RuleMeta<'notEvaluated' | 'notRendered' | 'packedSubchart' | 'disabledSubchart'> = {
  ...base,
  id: 'BH007',
  name: 'helm-not-evaluated',
  title: 'Helm template judged in part without its values',
  severity: 'info',
  threat: 'container-misconfiguration',
  principle: 'defence-in-depth',
  rationale:
    'A chart template is judged as Helm would render it with the chart\'s values. What Bulkhead cannot evaluate offline (a lookup in the cluster, `.Files`, `.Capabilities`, a function it does not know, a `required` value left unset, the templates of a subchart packed as a `.tgz`) stays unknown: never reported as missing, and never checked. Saying so once per template keeps silence on those parts from reading as "checked and clean".',
  remediation:
    'Nothing is wrong with the template for this finding alone. Where the construct decides a security setting, set that setting from `values.yaml` instead, so it is checked; otherwise turn the diagnostic off.',
  messages: {
    notEvaluated: 'Judged in part: {{construct}} is not evaluated offline, so what it writes is not checked.',
    notRendered: 'Not rendered with its values ({{reason}}): judged as written.',
    disabledSubchart: "Not rendered: {{condition}} is false in the parent chart's values, so Helm installs nothing of subchart {{chart}} and nothing here is checked.",
    packedSubchart: 'Not evaluated: subchart {{archive}} is packed, so its templates are not read and the values set here for {{key}} are not checked.',
  },
  examples: {
    fileName: 'chart/templates/pod.yaml',
    workspace: HELM_EXAMPLE_CHART,
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    checksum: {{ .Files.Get "app.conf" | sha256sum }}\nspec:\n  containers:\n    - name: web\n      image: {{ .Values.image }}\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: {{ .Values.image }}\n',
  },
  since: '0.3.0',
};

export const ENGINE_METAS: RuleMeta[] = [PARSE_ERROR, UNKNOWN_SUPPRESSION, UNUSED_SUPPRESSION, FILE_SKIPPED, ANALYSIS_INCOMPLETE, OUTSIDE_WORKSPACE, HELM_NOT_EVALUATED];
