import { defineRule } from '../../rule';
import { envEntries } from '../../parse/k8sObjects';
import { imageNodeOf } from '../../parse/kubernetes';
import { isScalar } from '../../parse/yaml';

/** git-sync settings that choose the git binary or its configuration (v3 `GIT_SYNC_*`, v4 `GITSYNC_*`). */
const DANGEROUS_ENV = /^GIT_?SYNC_(GIT|GIT_CONFIG)$/;
const DANGEROUS_FLAG = /^--?(git|git-config)(=|$)/;

export default defineRule({
  meta: {
    id: 'K8S054',
    name: 'no-git-sync-injection',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'git-sync lets configuration choose the git command',
    severity: 'warning',
    threat: 'supply-chain',
    principle: 'segregation-of-duties',
    rationale:
      "git-sync's `--git` (`GITSYNC_GIT`) names the binary it runs and `--git-config` (`GITSYNC_GIT_CONFIG`) can set `core.sshCommand` or hooks: whoever can edit the Deployment or its environment runs arbitrary commands with the sidecar's mounts and token, and a path inside a synced or shared volume lets repository content do the same.",
    remediation:
      'Use the git binary shipped in the git-sync image: remove `GITSYNC_GIT`/`--git` and `GITSYNC_GIT_CONFIG`/`--git-config`, and pass credentials through `GITSYNC_PASSWORD_FILE` or an SSH key Secret instead.',
    references: [
      { standard: 'url', title: 'Akamai: Kubernetes git-sync command injection (2024)', href: 'https://www.akamai.com/blog/security-research/2024-august-kubernetes-gitsync-command-injection-defcon' },
      { standard: 'cwe', id: 78 },
    ],
    aliases: [{ tool: 'checkov', id: 'CKV_K8S_159' }],
    messages: { gitCommand: 'Container "{{container}}" sets {{setting}}: git-sync will run whatever it names.' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: blog\nspec:\n  containers:\n    - name: git-sync\n      image: registry.k8s.io/git-sync/git-sync:v4.2.3\n      env:\n        - name: GITSYNC_REPO\n          value: https://github.com/example/blog\n        - name: GITSYNC_GIT\n          value: /tmp/payload/git\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: blog\nspec:\n  containers:\n    - name: git-sync\n      image: registry.k8s.io/git-sync/git-sync:v4.2.3\n      env:\n        - name: GITSYNC_REPO\n          value: https://github.com/example/blog\n',
    },
    since: '0.2.0',
  },
  check({ k8s, report }) {
    for (const c of k8s.containers) {
      const doc = c.podSpec.object.doc;
      for (const e of envEntries(c)) if (DANGEROUS_ENV.test(e.name)) report({ messageId: 'gitCommand', data: { container: c.name, setting: e.name }, range: doc.rangeOf(e.nameNode) });
      const imageNode = imageNodeOf(c);
      const image = String((isScalar(imageNode) ? imageNode.value : undefined) ?? '');
      if (!/git-sync/.test(image)) continue;
      for (const key of ['command', 'args']) {
        for (const item of doc.items(doc.get(c.node, key))) {
          const text = String((item as { value?: unknown }).value ?? '');
          if (DANGEROUS_FLAG.test(text)) report({ messageId: 'gitCommand', data: { container: c.name, setting: text.split('=')[0] }, range: doc.rangeOf(item) });
        }
      }
    }
  },
});
