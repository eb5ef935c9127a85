import rule from '../../../server/src/engine/rules/kubernetes/no-git-sync-injection';
import { ruleTester } from '../../harness/ruleTester';

const pod = (container: string, group = 'containers') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: blog\nspec:\n  ${group}:\n    - name: sync\n      image: registry.k8s.io/git-sync/git-sync:v4.2.3\n${container}`;

ruleTester(rule, {
  valid: [
    pod('      env:\n        - name: GITSYNC_REPO\n          value: https://github.com/example/blog\n'),
    { name: 'other images may take a --git flag', code: pod('      args: ["--git=/usr/bin/git"]\n').replace('git-sync/git-sync:v4.2.3', 'example/tool:1') },
  ],
  invalid: [
    {
      name: 'v4 env in an init container',
      code: pod('      env:\n        - name: «GITSYNC_GIT»\n          value: /tmp/payload/payload\n', 'initContainers'),
      errors: [{ messageId: 'gitCommand', data: { container: 'sync', setting: 'GITSYNC_GIT' } }],
    },
    {
      name: 'v3 env and flags',
      code: pod('      args: [«"--git-config=core.sshCommand:/x"», "--repo=https://x"]\n      env:\n        - {name: «GIT_SYNC_GIT_CONFIG», value: "a:b"}\n'),
      errors: [
        { messageId: 'gitCommand', data: { setting: '--git-config' } },
        { messageId: 'gitCommand', data: { setting: 'GIT_SYNC_GIT_CONFIG' } },
      ],
    },
  ],
});
