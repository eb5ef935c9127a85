// Judges a module graph (moduleGraph.ts) against a layering policy: which parts of the tree may import
// which, through which front door, which packages, and, inside a part, which layer may import which.
// Paths in a policy are relative to the repository root and use '/'; a directory ends with '/'.
import * as path from 'node:path';
import type { ModuleImport } from './moduleGraph';

export interface Layer {
  name: string;
  /** Files and directories (relative to the area's dir) in this layer; the longest matching path wins. */
  paths: readonly string[];
}

export interface Area {
  /** The directory whose files make up the area; a file belongs to the area with the longest matching dir. */
  dir: string;
  /** What its files may import besides their own area: area dirs, or any other path prefix (a file). */
  imports: readonly string[];
  /** The packages it may import (by name; Node built-ins as written, e.g. `node:fs`); undefined: any. */
  packages?: readonly string[];
  /** The one file of this area other areas may import; undefined: any of its files. */
  entry?: string;
  /** Its layers, lowest first: a file may import its own layer and those below, never one above. */
  layers?: readonly Layer[];
}

/** An import the policy forbids but the tree still has, with why it is there; the file pair is repo-relative. */
export interface KnownViolation {
  from: string;
  to: string;
  why: string;
}

export interface Verdict {
  /** Forbidden imports that are not known: each `from → to: reason`. */
  violations: string[];
  /** Known violations the graph no longer has: remove them from the list. */
  stale: KnownViolation[];
}

/** The package a bare module name names: `@scope/name` or `name`, without a subpath (`node:fs/promises` → `node:fs`). */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Whether a policy path (a file, or a directory ending in '/') covers a repo-relative file. */
const covers = (policyPath: string, rel: string): boolean => (policyPath.endsWith('/') ? rel.startsWith(policyPath) : rel === policyPath);

function longestMatch<T>(rel: string, items: readonly T[], pathsOf: (item: T) => readonly string[]): T | undefined {
  let best: T | undefined;
  let bestLength = -1;
  for (const item of items) {
    for (const p of pathsOf(item)) {
      if (covers(p, rel) && p.length > bestLength) [best, bestLength] = [item, p.length];
    }
  }
  return best;
}

export function checkLayering(imports: readonly ModuleImport[], root: string, areas: readonly Area[], known: readonly KnownViolation[]): Verdict {
  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
  const areaOf = (rel: string) => longestMatch(rel, areas, (a) => [a.dir]);
  const layerOf = (area: Area, rel: string) => {
    const layers = area.layers ?? [];
    const layer = longestMatch(rel.slice(area.dir.length), layers, (l) => l.paths);
    return layer && { layer, index: layers.indexOf(layer) };
  };
  const knownPairs = new Map(known.map((k) => [`${k.from} → ${k.to}`, k]));
  const seen = new Set<string>();
  const violations = new Set<string>();
  const forbid = (from: string, to: string, reason: string): void => {
    const pair = `${from} → ${to}`;
    if (knownPairs.has(pair)) seen.add(pair);
    else violations.add(`${pair}: ${reason}`);
  };
  for (const imp of imports) {
    const from = relative(imp.from);
    const area = areaOf(from);
    if (!area) continue; // tests, benchmarks and scripts may reach anything
    const local = imp.resolved !== undefined && !imp.external ? relative(imp.resolved) : undefined;
    if (local === undefined) {
      const pkg = packageOf(imp.specifier);
      if (imp.specifier.startsWith('.')) forbid(from, imp.specifier, 'does not resolve');
      else if (area.packages && !area.packages.includes(pkg)) forbid(from, pkg, `package not allowed in ${area.dir}`);
      continue;
    }
    const target = areaOf(local);
    if (target === area) {
      if (!area.layers) continue;
      const a = layerOf(area, from);
      const b = layerOf(area, local);
      for (const [rel, layer] of [
        [from, a],
        [local, b],
      ] as const) {
        if (!layer) violations.add(`${rel}: in no layer of ${area.dir} (add it to the layer table)`);
      }
      if (a && b && b.index > a.index) forbid(from, local, `layer ${a.layer.name} imports layer ${b.layer.name} above it`);
    } else if (!area.imports.some((p) => covers(p, local))) {
      forbid(from, local, `${area.dir} may not import ${target?.dir ?? local}`);
    } else if (target?.entry !== undefined && local !== target.entry) {
      forbid(from, local, `${target.dir} is imported through ${target.entry} only`);
    }
  }
  return { violations: [...violations].sort(), stale: known.filter((k) => !seen.has(`${k.from} → ${k.to}`)) };
}
