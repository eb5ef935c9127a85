import { defineRule } from '../../rule';
import { reportRepeatedKeys } from '../repeatedKeyReport';

export default defineRule({
  meta: {
    id: 'DC028',
    name: 'no-duplicate-key',
    appliesTo: 'compose',
    title: 'Key written more than once in one map',
    severity: 'error',
    threat: 'container-misconfiguration',
    principle: 'defence-in-depth',
    rationale:
      'The keys of a YAML map must be unique. Docker Compose refuses a file that repeats one (`mapping key "privileged" already defined at line 4`): the file does not load. Other tools that read it keep one copy without a word, mostly the last, and Bulkhead judges the copy that applies as they do (the first in a file with template expressions). A reviewer who reads `privileged: false` at the top of a service easily misses the `privileged: true` further down.',
    remediation: 'Keep one copy of the key, with the value you mean, and delete the others.',
    references: [
      { standard: 'cwe', id: 436 },
      { standard: 'url', title: 'go-yaml v3 (the YAML decoder of Docker Compose v2): "mapping key … already defined"', href: 'https://github.com/go-yaml/yaml/blob/v3.0.1/decode.go' },
      { standard: 'url', title: 'Docker Compose release notes 2.17.0: repeated keys, merge keys included, are rejected', href: 'https://docs.docker.com/compose/releases/release-notes/#2170' },
    ],
    aliases: [],
    messages: { repeated: '"{{key}}" is also written at line {{line}}, the copy that applies: Docker Compose refuses a file that repeats a key.' },
    fix: { applicability: 'safe', title: 'Remove this copy of {{key}} (the same value as line {{line}})' },
    examples: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    privileged: false\n    read_only: true\n    privileged: true\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    privileged: false\n',
    },
    since: '0.1.0',
    related: ['K8S085'],
  },
  check({ compose, report }) {
    // Compose renders no template: every copy counts, whatever lies between them.
    reportRepeatedKeys(report, compose.documents, { templateBranches: false });
  },
});
