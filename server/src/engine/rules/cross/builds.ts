// Compose services that build a Dockerfile of the workspace, with what the rules compare against.
import type { ComposeContext } from '../../rule';
import { servicesHolding, type ComposeService } from '../../parse/compose';
import { isMap, type Node, type Pair, type Scalar } from '../../parse/yaml';
import { relativeInside } from '../../workspace/paths';
import type { Range, RelatedInfo } from '../../model';
import { serviceBuild, type ServiceBuild } from '../../workspace/builds';

export interface BuiltService {
  service: ComposeService;
  build: ServiceBuild;
}

/** Every service of the file whose `build:` resolves to a readable Dockerfile. */
export function builtServices(ctx: ComposeContext): BuiltService[] {
  const facts = ctx.workspace;
  if (!facts) return [];
  const out: BuiltService[] = [];
  // Only the services holding `build:` (few, in a large file) are looked at.
  for (const service of servicesHolding(ctx.compose, 'build')) {
    const build = serviceBuild(service, facts);
    if (build) out.push({ service, build });
  }
  return out;
}

/** The Dockerfile as the Compose file would name it: relative to the Compose file's directory. */
export function dockerfileLabel(ctx: ComposeContext, build: ServiceBuild): string {
  return (ctx.workspace && relativeInside(ctx.workspace.documentDir, build.dockerfilePath)) ?? build.dockerfilePath;
}

/** Whether a pair is written in the service's own map (not merged in from an anchor). */
export function ownPair(service: ComposeService, pair: Pair<Scalar, Node | null>): boolean {
  return isMap(service.node) && service.node.items.includes(pair as never);
}

/** Related information pointing into the Dockerfile. */
export function inDockerfile(build: ServiceBuild, range: Range, message: string): RelatedInfo {
  return { path: build.dockerfilePath, range, message };
}

/** Reports once per written node: services sharing an anchor share one finding. */
export function oncePerNode(): (node: Node | Pair<Scalar, Node | null>) => boolean {
  const seen = new Set<unknown>();
  return (node) => (seen.has(node) ? false : (seen.add(node), true));
}
