import { defineRule } from '../../rule';
import { instructionsOf } from '../../parse/dockerfileIndex';
import { replace } from '../../edits/text';
import { instructionArguments } from '../../parse/dockerfile';

/** `ip:hostPort:containerPort`, `hostPort:containerPort`, with an optional /proto. */
const HOST_BINDING = /^(?:(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\]):)?(?:\d+:)(\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?)$/i;

export default defineRule({
  meta: {
    id: 'DF032',
    name: 'no-expose-host-binding',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'EXPOSE with a host address or port',
    severity: 'warning',
    threat: 'insecure-network',
    principle: 'attack-surface',
    rationale:
      'EXPOSE only documents container ports; host addresses and host ports belong to run-time configuration. A host part in EXPOSE is ignored by the builder (or rejected), so a reader believes the port is bound somewhere safe when it is not.',
    remediation: 'Keep only the container port (`EXPOSE 8080/tcp`) and bind it where the container runs: `-p 127.0.0.1:8080:8080` or Compose `ports: ["127.0.0.1:8080:8080"]`.',
    references: [],
    aliases: [{ tool: 'buildkit', id: 'ExposeInvalidFormat' }],
    messages: { hostPart: 'EXPOSE {{value}} names a host {{part}}; EXPOSE takes only the container port.' },
    fix: { applicability: 'safe', title: 'Keep only the container port' },
    examples: { bad: 'FROM alpine:3.20\nEXPOSE 127.0.0.1:8080:8080\nUSER 10001\n', good: 'FROM alpine:3.20\nEXPOSE 8080\nUSER 10001\n' },
    since: '0.1.0',
  },
  check({ dockerfile, report }) {
    for (const ins of instructionsOf(dockerfile, ['EXPOSE'])) {
      if (ins.keyword !== 'EXPOSE') continue;
      for (const { value, range } of instructionArguments(ins)) {
        const m = HOST_BINDING.exec(value);
        if (m) report({ messageId: 'hostPart', data: { value, part: m[1] ? 'address' : 'port' }, range, fix: [replace(range, m[2])] });
      }
    }
  },
});
