import { defineRule } from '../../rule';
import { yamlSet } from '../../edits/yaml';
import { CONTAINER_KEY_ORDER, effectiveSecurity, type Container } from '../../parse/kubernetes';
import { rootStage, type DockerfileModel } from '../../parse/dockerfile';
import { defaultUser, isRootUser, userInEffect, userValue } from '../../policy/users';
import { imageRepository } from '../../workspace/facts';
import { relativeInside } from '../../workspace/paths';

/** The UID a `useradd`/`adduser` line gives `name` (`-u 10001`, `--uid 10001`), when the Dockerfile says. */
function uidOf(model: DockerfileModel, name: string): number | undefined {
  for (const ins of model.instructions) {
    if (ins.keyword !== 'RUN') continue;
    for (const command of (ins.argumentsText ?? '').split(/&&|;|\|\|/)) {
      if (!/\b(useradd|adduser)\b/.test(command) || !endsWithWord(command.replace(/\\\s*$/gm, '').trim(), name)) continue;
      const uid = /(?:-u|--uid)[\s=]+(\d+)/.exec(command);
      if (uid) return Number(uid[1]);
    }
  }
  return undefined;
}

/** Whether `text` ends with `word` as its own blank-separated word (compared as text, never as a pattern). */
function endsWithWord(text: string, word: string): boolean {
  return text.endsWith(word) && /\s/.test(text.charAt(text.length - word.length - 1));
}

/** Whether the container must run as non-root and gives no UID the kubelet could check instead of the image's. */
function requiresImageCheck(c: Container): boolean {
  const uid = effectiveSecurity(c, 'runAsUser')?.value;
  return effectiveSecurity(c, 'runAsNonRoot')?.value === true && !(typeof uid === 'number');
}

export default defineRule({
  meta: {
    id: 'XF009',
    name: 'k8s-non-root-image-user',
    appliesTo: 'kubernetes',
    title: 'runAsNonRoot cannot be satisfied by the image built here',
    severity: 'warning',
    threat: 'container-misconfiguration',
    principle: 'least-privilege',
    rationale:
      'With `runAsNonRoot: true` and no `runAsUser`, the kubelet checks the image\'s user before starting the container: a name (`USER app`) cannot be verified and root is refused, so the pod never starts (`CreateContainerConfigError`). The usual "fix" under pressure is to drop `runAsNonRoot`, losing the guarantee.',
    remediation:
      "Set a numeric `runAsUser` matching the image's user (the fix reads the UID from the Dockerfile's `useradd -u`), or end the Dockerfile with a numeric `USER 10001`. The image is matched to its Dockerfile through Compose services (`image:` with `build:`) and Skaffold artifacts in the workspace.",
    references: [
      { standard: 'pss', level: 'restricted', control: 'Running as Non-root' },
      { standard: 'cwe', id: 250 },
    ],
    aliases: [],
    messages: {
      rootImage: 'runAsNonRoot: true, but {{dockerfile}} runs {{image}} as root: the pod will not start.',
      namedUser: 'runAsNonRoot: true, but {{dockerfile}} names its user "{{user}}", which the kubelet cannot verify: set a numeric runAsUser.',
    },
    fix: { applicability: 'unsafe', title: 'Set runAsUser: {{uid}} from the Dockerfile', review: 'the container runs as the UID the Dockerfile sets; keep both in step' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: api\n      image: registry.example.com/shop/api:1.4\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001\n  containers:\n    - name: api\n      image: registry.example.com/shop/api:1.4\n',
      workspace: {
        'compose.yaml': 'services:\n  api:\n    image: registry.example.com/shop/api:dev\n    build: ./api\n',
        'api/Dockerfile': 'FROM node:22-alpine\nRUN adduser -D -u 10001 app\nUSER app\n',
      },
    },
    since: '0.2.0',
    related: ['DF024', 'K8S003'],
  },
  check({ k8s, workspace, report }) {
    if (!workspace) return;
    for (const c of k8s.containers) {
      if (!requiresImageCheck(c)) continue;
      const doc = c.podSpec.object.doc;
      const imageNode = doc.get(c.node, 'image');
      const image = doc.scalar(c.node, 'image');
      const repo = typeof image === 'string' ? imageRepository(image) : undefined;
      const build = repo ? workspace.imageBuilds().get(repo) : undefined;
      if (!build || !imageNode) continue;
      const dockerfile = relativeInside(workspace.documentDir, build.dockerfilePath) ?? build.dockerfilePath;
      // The Compose or Skaffold file that builds the image may name a Dockerfile out of the workspace.
      if (!workspace.canFollow(build.dockerfilePath, `the Dockerfile of ${String(image)} (${dockerfile})`, doc.rangeOf(imageNode))) continue;
      const model = workspace.dockerfile(build.dockerfilePath);
      const stage = model?.finalStage;
      if (!model || !stage) continue;
      const user = userInEffect(stage);
      const value = user ? userValue(user) : undefined;
      if (value === undefined ? defaultUser(rootStage(stage).image) === 'root' : isRootUser(value)) {
        report({ messageId: 'rootImage', data: { dockerfile, image: String(image) }, range: doc.rangeOf(imageNode) });
      } else if (value !== undefined && !/^\d+(:\d+)?$/.test(value) && !value.includes('$')) {
        const uid = uidOf(model, value.split(':')[0]);
        const fix = uid !== undefined && uid > 0 ? () => [yamlSet(doc, c.node, ['securityContext', 'runAsUser'], uid, CONTAINER_KEY_ORDER)] : undefined;
        report({ messageId: 'namedUser', data: { dockerfile, user: value, uid: uid ?? '' }, range: doc.rangeOf(imageNode), fix });
      }
    }
  },
});
