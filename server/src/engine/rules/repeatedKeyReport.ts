// The repeated-key rules of Compose and Kubernetes (DC028, K8S085) report the same thing the same way:
// every copy of a key but the one read, with the line of that one. Only what the real tool does with
// the file differs (their messages), and how a template's copies are read.
import type { Node, Pair } from 'yaml';
import type { Report } from '../rule';
import { yamlRemoveCopy } from '../edits/yaml';
import { isAlias, isMap, isPair, isScalar, isSeq, templateWithin, type YamlDocument } from '../parse/yaml';
import { repeatedKeys } from '../parse/repeatedKeys';

/**
 * Reports every copy of a repeated key but the one the engine reads (see repeatedKeys). With
 * `templateBranches`, copies that a template expression separates from that one are left alone in a
 * file with templates: there they are mostly `if`/`else` branches, of which one renders. A copy
 * written exactly as the one read is removed by the fix; any other copy has none, since either value
 * may be the one the author meant.
 */
export function reportRepeatedKeys(report: (r: Report<'repeated'>) => void, documents: readonly YamlDocument[], { templateBranches }: { templateBranches: boolean }): void {
  for (const doc of documents) {
    const branches = templateBranches && doc.src.hasTemplates;
    for (const { key, map, copies, read } of repeatedKeys(doc)) {
      const readAt = doc.rangeOf(read.key);
      for (const copy of copies) {
        if (copy === read || (branches && templateBetween(doc, copy, read))) continue;
        report({
          messageId: 'repeated',
          data: { key, line: readAt.start.line + 1 },
          range: doc.rangeOf(copy.key),
          related: [{ range: readAt, message: `the copy of "${key}" that applies` }],
          ...(isRedundantCopy(doc, copy, read) && { fix: () => [yamlRemoveCopy(doc, map, copy, read)] }),
        });
      }
    }
  }
}

/** Whether a template expression (`{{`) lies between two copies of a key. */
function templateBetween(doc: YamlDocument, a: Pair, b: Pair): boolean {
  const [x, y] = [doc.offsets(a.key as Node)[0], doc.offsets(b.key as Node)[0]];
  return templateWithin(doc.src, Math.min(x, y), Math.max(x, y));
}

/**
 * Whether removing `copy` loses nothing: its value is written exactly as `kept`'s, and it holds no
 * anchor (an alias elsewhere may name it) nor alias (the same name may mean another anchor there).
 */
function isRedundantCopy(doc: YamlDocument, copy: Pair, kept: Pair): boolean {
  const text = (pair: Pair): string => {
    const value = pair.value as Node | null;
    if (!value) return '';
    const [s, e] = doc.offsets(value);
    // A block value's range may run over trailing comment lines and the next line's indentation.
    return doc.src.text.slice(s, e).trimEnd();
  };
  return !holdsAnchorOrAlias(copy.value) && text(copy) === text(kept);
}

function holdsAnchorOrAlias(node: unknown): boolean {
  const pending: unknown[] = [node];
  while (pending.length > 0) {
    const n = pending.pop();
    if (isAlias(n)) return true;
    if (isPair(n)) pending.push(n.key, n.value);
    else if (isScalar(n) || isMap(n) || isSeq(n)) {
      if (n.anchor) return true;
      if (!isScalar(n)) for (const item of n.items) pending.push(item);
    }
  }
  return false;
}
