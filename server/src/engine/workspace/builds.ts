// What a Compose service builds: its context and Dockerfile, and what that Dockerfile's final stage
// declares (user, exposed ports, healthcheck). Shared by the Compose cross-file rules.
import type { ComposeService } from '../parse/compose';
import { isScalar } from '../parse/yaml';
import type { DockerfileModel, Instruction, Stage } from '../parse/dockerfile';
import { userInEffect, userValue, isRootUser } from '../policy/users';
import type { WorkspaceFacts } from './facts';
import type { Range } from '../model';

export interface ServiceBuild {
  contextDir: string;
  dockerfilePath: string;
  dockerfile: DockerfileModel;
}

/** Remote contexts (Git URLs, tarballs) and interpolated paths cannot be read from the workspace. */
const UNREADABLE_CONTEXT = /^[a-z][\w+.-]*:\/\/|^git@|\$/i;

/** Each service's build, kept for the analysis (its facts) that read it: three rules ask it of every service. */
const readBuilds = new WeakMap<ComposeService, { facts: WorkspaceFacts; build: ServiceBuild | undefined }>();

export function serviceBuild(service: ComposeService, facts: WorkspaceFacts): ServiceBuild | undefined {
  const known = readBuilds.get(service);
  if (known?.facts === facts) return known.build;
  const build = readServiceBuild(service, facts);
  readBuilds.set(service, { facts, build });
  return build;
}

function readServiceBuild(service: ComposeService, facts: WorkspaceFacts): ServiceBuild | undefined {
  const doc = service.doc;
  const build = doc.get(service.node, 'build');
  if (!build) return undefined;
  const context = isScalar(build) ? build.value : (doc.scalar(build, 'context') ?? '.');
  const dockerfile = isScalar(build) ? 'Dockerfile' : (doc.scalar(build, 'dockerfile') ?? 'Dockerfile');
  if (typeof context !== 'string' || typeof dockerfile !== 'string' || UNREADABLE_CONTEXT.test(context) || UNREADABLE_CONTEXT.test(dockerfile)) return undefined;
  if (!isScalar(build) && doc.get(build, 'dockerfile_inline')) return undefined;
  // A context or Dockerfile out of the workspace is not read but reported where it is written: the first
  // of `keys` present, else the `build:` key (a default Dockerfile reached through a link, say).
  const writtenAt = (...keys: string[]) => {
    const node = isScalar(build) ? build : keys.map((k) => doc.get(build, k)).find((n) => n !== undefined);
    return doc.rangeOf(node ?? doc.pair(service.node, 'build')?.key);
  };
  const contextDir = facts.resolve(context);
  if (!facts.canFollow(contextDir, context, writtenAt('context'))) return undefined;
  const dockerfilePath = facts.resolve(dockerfile, contextDir);
  if (!facts.canFollow(dockerfilePath, dockerfile, writtenAt('dockerfile', 'context'))) return undefined;
  const model = facts.dockerfile(dockerfilePath);
  return model ? { contextDir, dockerfilePath, dockerfile: model } : undefined;
}

/** Instructions of `keyword` in force for the final stage: its own, else those of the stages it builds on. */
function inherited(stage: Stage | undefined, keyword: string): Instruction[] {
  const seen = new Set<Stage>();
  for (let s = stage; s && !seen.has(s); s = s.parent) {
    seen.add(s);
    const found = s.instructions.filter((i) => i.keyword === keyword);
    if (found.length) return found;
  }
  return [];
}

/** The final stage's USER when it names a non-root account (the hardening a `user: root` override undoes). */
export function nonRootFinalUser(model: DockerfileModel): { user: string; range: Range } | undefined {
  const stage = model.finalStage;
  const user = stage && userInEffect(stage);
  if (!user) return undefined;
  const value = userValue(user);
  return value && !isRootUser(value) && !value.includes('$') ? { user: value, range: user.range } : undefined;
}

/** Container ports the final stage EXPOSEs (`80`, `53/udp` → `53`), or undefined when it exposes none. */
export function exposedPorts(model: DockerfileModel): Set<string> | undefined {
  const ports = new Set<string>();
  for (const ins of inherited(model.finalStage, 'EXPOSE')) {
    for (const arg of ins.arguments) ports.add(arg.value.split('/')[0]);
  }
  return ports.size ? ports : undefined;
}

/** The final stage's effective HEALTHCHECK when it runs a command (not `HEALTHCHECK NONE`). */
export function activeHealthcheck(model: DockerfileModel): Instruction | undefined {
  const checks = inherited(model.finalStage, 'HEALTHCHECK');
  const last = checks[checks.length - 1];
  return last && !/^\s*NONE\s*$/i.test(last.argumentsText ?? '') ? last : undefined;
}
