import { defineRule } from '../../rule';
import { instructionsOf } from '../../parse/dockerfileIndex';
import { replace } from '../../edits/text';

/** Characters that need a shell: their command cannot be rewritten to exec form word by word. */
const NEEDS_SHELL = /[$`|&;<>*?(){}[\]~'"\\#]/;

export default defineRule({
  meta: {
    id: 'DF023',
    name: 'prefer-json-cmd',
    appliesTo: 'dockerfile',
    title: 'CMD or ENTRYPOINT in shell form',
    severity: 'info',
    threat: 'image-misconfiguration',
    principle: 'attack-surface',
    rationale:
      'Shell form runs the process under `/bin/sh -c`: the shell is PID 1, so `docker stop` and Kubernetes send SIGTERM to the shell, the application never shuts down cleanly and is killed after the grace period. It also forces a shell into the final image, one more tool for an intruder.',
    remediation: 'Use exec (JSON) form: `CMD ["node", "server.js"]`. When shell features are needed, put them in an entrypoint script that ends with `exec "$@"`.',
    references: [],
    aliases: [
      { tool: 'hadolint', id: 'DL3025' },
      { tool: 'buildkit', id: 'JSONArgsRecommended' },
      { tool: 'semgrep', id: 'prefer-json-notation' },
    ],
    messages: { shellForm: '{{instruction}} in shell form runs under /bin/sh -c, which swallows stop signals.' },
    fix: { applicability: 'safe', title: 'Rewrite in exec (JSON) form' },
    examples: { bad: 'FROM node:22-alpine\nUSER 10001\nCMD node server.js\n', good: 'FROM node:22-alpine\nUSER 10001\nCMD ["node", "server.js"]\n' },
    since: '0.1.0',
  },
  check({ dockerfile, report }) {
    const stage = dockerfile.finalStage;
    if (!stage) return;
    for (const ins of instructionsOf(dockerfile, ['CMD', 'ENTRYPOINT'])) {
      const keyword = ins.keyword;
      if (dockerfile.stageOf.get(ins) !== stage) continue;
      const content = ins.argumentsText?.trim() ?? '';
      if (content === '' || content.startsWith('[')) continue;
      const range = ins.argumentsRange!;
      const words = content.split(/\s+/);
      const simple = !NEEDS_SHELL.test(content) && !ins.rawArguments?.includes('\n');
      report({ messageId: 'shellForm', data: { instruction: keyword }, range, ...(simple ? { fix: [replace(range, JSON.stringify(words).replace(/","/g, '", "'))] } : {}) });
    }
  },
});
