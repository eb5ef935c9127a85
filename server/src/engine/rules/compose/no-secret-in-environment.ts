import { defineRule, MAX_FINDINGS_PER_RULE } from '../../rule';
import { describeSetting, environmentEntries, serviceSettings, type ComposeService, type EnvironmentEntry } from '../../parse/compose';
import { createFile } from '../../edits/files';
import { insertPair, yamlPrependOrAppendItem, yamlSet } from '../../edits/yaml';
import { replace } from '../../edits/text';
import type { FileEdit, TextEdit } from '../../model';
import { isMap, isScalar, isSeq, type Node, type YamlDocument } from '../../parse/yaml';
import { detectSecret, type SecretMatch } from '../../policy/secrets';
import { MAX_NAME_CANDIDATES, MovedSecretsPlan } from '../../movedSecrets';

/** `${VAR:-default}` / `${VAR-default}` as the whole value: the default is what runs when VAR is unset. */
const ONLY_DEFAULT = /^\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^}]*)\}$/;

/** The literal a value amounts to: itself, a default, or nothing when it is interpolated at run time. */
function literalOf(value: string): { literal: string; variable?: string } | undefined {
  if (!value.includes('$')) return { literal: value };
  const m = ONLY_DEFAULT.exec(value);
  if (m) return { literal: m[2], variable: m[1] };
  // `$$` is Compose's escape for a literal `$`; any other `$` interpolates.
  const escaped = value.replace(/\$\$/g, '');
  if (escaped.includes('$')) return undefined;
  return { literal: value.replace(/\$\$/g, '$') };
}

/** A variable set to a credential: the literal it amounts to, and why it is one. */
interface Credential {
  literal: { literal: string; variable?: string };
  match: SecretMatch;
}

function credentialOf(doc: YamlDocument, { name, value, node }: EnvironmentEntry): Credential | undefined {
  if (value === undefined || doc.isTemplated(node)) return undefined;
  const literal = literalOf(value);
  const match = literal && detectSecret(name, literal.literal);
  return match ? { literal, match } : undefined;
}

export default defineRule({
  meta: {
    id: 'DC005',
    name: 'no-secret-in-environment',
    appliesTo: 'compose',
    title: 'Plaintext secret in service environment',
    severity: 'error',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      'A credential written in `environment:` lives in the repository history, in every clone and CI log that prints the config, and in `docker inspect` output for anyone with access to the Docker API. A weak default like `changeme` is the first thing an attacker tries.',
    remediation:
      'Declare a top-level `secrets:` entry (from a file outside the repository or an environment variable), grant it to the service with `secrets: [db_password]`, and point the application at `/run/secrets/db_password` (many images accept `<NAME>_FILE`). At the very least, interpolate it: `DB_PASSWORD: ${DB_PASSWORD:?set it in .env}`. The fix does the Compose side and keeps the value: it writes it to `./secrets/<name>.txt` beside the Compose file (created by the fix, exactly the value, and added to `.gitignore`), declares that file as the secret, grants it to the service and sets `<NAME>_FILE`; services sharing one value share one secret. What is left to you: rotate the old value (it stays in the repository history), give every other checkout and deployment its own copy of the file (Git no longer carries it), and check that the image reads `<NAME>_FILE` (the official postgres, mysql and mariadb images do; others need a small entrypoint change). Without a workspace (no folder open) the fix is not offered: there would be nowhere to keep the value.',
    references: [
      { standard: 'cwe', id: 798 },
      { standard: 'cwe', id: 521 },
    ],
    aliases: [],
    messages: {
      secretValue: 'Service "{{service}}" sets {{name}} to a literal credential.',
      weakPassword: 'Service "{{service}}" sets {{name}} to a well-known weak password.',
      tokenValue: 'Service "{{service}}" sets {{name}} to a literal credential ({{format}}).',
      secretDefault: 'Service "{{service}}" defaults {{name}} to a literal credential when {{variable}} is unset.',
    },
    fix: {
      applicability: 'unsafe',
      title: 'Move {{name}} to the Compose secret {{secret}}, kept in {{file}} (git-ignored) and read through {{name}}_FILE',
      review: 'the application must read the value from the file its _FILE variable names',
    },
    examples: {
      bad: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: changeme\n',
      good: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets: [db_password]\nsecrets:\n  db_password:\n    file: ./db_password.txt\n',
    },
    since: '0.1.0',
    related: ['DF003'],
  },
  check({ compose, report, workspace }) {
    // A variable merged into several environments (`<<: *common-env`) is one finding, where it is written.
    // Only credentials are grouped: most variables are none, and grouping each cost more than judging it.
    const byNode = new Map<Node, Credential & { doc: YamlDocument; entry: EnvironmentEntry; services: ComposeService[]; inheritedBy: ComposeService[] }>();
    // Merged variables judged no credential: an anchor's variables come again in every service merging it.
    const mergedPlain = new Set<Node>();
    const settings = serviceSettings(compose, 'environment');
    for (let i = 0; i < settings.length; i++) {
      const setting = settings[i];
      const entries = environmentEntries(setting.doc, setting.pair.value);
      for (let e = 0; e < entries.length; e++) {
        const entry = entries[e];
        let seen = byNode.get(entry.node);
        if (!seen) {
          // Past the first credential over the limit no new one is ever reported (see below); the ones
          // found still gather the services sharing them, which their findings name.
          if (byNode.size > MAX_FINDINGS_PER_RULE || mergedPlain.has(entry.node)) continue;
          const credential = credentialOf(setting.doc, entry);
          if (!credential) {
            if (entry.merged) mergedPlain.add(entry.node);
            continue;
          }
          byNode.set(entry.node, (seen = { ...credential, doc: setting.doc, entry, services: [], inheritedBy: [] }));
        }
        const { services } = setting;
        const inheritedBy = entry.merged ? services : setting.inheritedBy;
        for (let s = 0; s < services.length; s++) seen.services.push(services[s]);
        for (let s = 0; s < inheritedBy.length; s++) seen.inheritedBy.push(inheritedBy[s]);
      }
    }
    // Without a workspace there is nowhere to keep the value: the fix is display-only.
    const plan = workspace ? new MovedSecretsPlan(workspace) : undefined;
    const variablesOf = variableNames();
    const found: Array<{ report: Parameters<typeof report>[0]; move?: Move }> = [];
    for (const {
      doc,
      entry: { name, node },
      literal,
      match,
      ...sharedBy
    } of byNode.values()) {
      // `report` stops the check at the first credential past the limit: none after it is reported, and
      // that one is not fixed, so no move (reads of the workspace, edits) is planned for either.
      if (found.length > MAX_FINDINGS_PER_RULE) break;
      const { service, related } = describeSetting(sharedBy);
      const messageId = literal.variable ? 'secretDefault' : match.reason === 'format' ? 'tokenValue' : match.reason === 'weak' ? 'weakPassword' : 'secretValue';
      // One service writing the variable itself: shared or merged ones would move for every sharer.
      const owner = sharedBy.services.length === 1 && sharedBy.inheritedBy.length === 0 ? sharedBy.services[0] : undefined;
      const move = owner && plan && found.length < MAX_FINDINGS_PER_RULE ? planMove(plan, owner, variablesOf(owner), doc, node, name, literal.literal) : undefined;
      const secret = move?.secret ?? secretId(name);
      const data = { service, name, secret, file: move?.file ?? secretFile(secret), ...(match.format ? { format: match.format } : {}), ...(literal.variable ? { variable: literal.variable } : {}) };
      found.push({ report: { messageId, data, range: doc.rangeOf(node), related }, move });
    }
    const ignore = plan?.ignoreEdits() ?? [];
    for (const { report: r, move } of found) report({ ...r, fix: move?.edits ?? [], ...(move ? { fileEdits: [...move.fileEdits, ...ignore] } : {}) });
  },
});

/**
 * The names of a service's environment variables, listed once per service: a service writing thousands
 * of credentials had its whole environment listed again for each (quadratic).
 */
function variableNames(): (service: ComposeService) => ReadonlySet<string> {
  const byService = new Map<ComposeService, Set<string>>();
  return (service) => {
    let names = byService.get(service);
    if (!names) byService.set(service, (names = new Set(environmentEntries(service.doc, service.doc.get(service.node, 'environment')).map((e) => e.name))));
    return names;
  };
}

/** A Compose secret name for a variable: lower case, `[a-z0-9_.-]`. */
const secretId = (variable: string): string => variable.toLowerCase().replace(/[^a-z0-9_.-]/g, '_');
const secretFile = (secret: string): string => `./secrets/${secret}.txt`;

/** The edits of "move to a Compose secret", and the file holding the value. */
interface Move {
  secret: string;
  file: string;
  edits: TextEdit[];
  fileEdits: FileEdit[];
}

/**
 * Plans "move to a Compose secret": `NAME: value` becomes `NAME_FILE: /run/secrets/<secret>`, the
 * service is granted the secret, a top-level `secrets:` entry reads it from a file, and that file
 * holds the value (created when missing). A secret already declared with a file holding this value
 * is reused, so services sharing a password share one secret and a second run changes nothing.
 * Undefined when the move cannot be written safely (display-only).
 */
function planMove(plan: MovedSecretsPlan, service: ComposeService, variables: ReadonlySet<string>, doc: YamlDocument, node: Node, name: string, value: string): Move | undefined {
  // A NAME_FILE already set would be written twice.
  if (variables.has(`${name}_FILE`)) return undefined;
  const declared = doc.get(doc.contents, 'secrets');
  if (declared !== undefined && !isMap(declared) && !isEmpty(declared)) return undefined;
  const choice = chooseSecret(plan, doc, declared, secretId(name), value);
  if (!choice) return undefined;
  const grant = grantEdit(doc, service, choice.secret);
  const declaration = choice.declare ? yamlSet(doc, doc.contents as Node, ['secrets', choice.secret], { file: choice.file }) : null;
  // A move is kept only when all of it can be written: the grant, and the declaration it needs.
  if (!grant || declaration === undefined) return undefined;
  plan.keep(choice.path, value);
  const target = `/run/secrets/${choice.secret}`;
  const pair = isScalar(node) && typeof node.value === 'string' && node.value.startsWith(`${name}=`) ? undefined : doc.pair(doc.get(service.node, 'environment'), name);
  const variable = pair
    ? replace({ start: doc.rangeOf(pair.key as Node).start, end: doc.rangeOf(pair.value as Node).end }, `${name}_FILE: ${target}`)
    : replace(doc.rangeOf(node), `${name}_FILE=${target}`);
  return {
    secret: choice.secret,
    file: choice.file,
    edits: [variable, ...grant.edits, ...(declaration ? [declaration] : [])],
    fileEdits: plan.facts.read(choice.path) === undefined ? [createFile(choice.path, value, { private: true })] : [],
  };
}

const isEmpty = (node: Node): boolean => isScalar(node) && node.value === null;

/**
 * The secret to keep `value` in: the first of `base`, `base_2`, … that is declared with a file holding
 * this value, or free (not declared, its `./secrets/<name>.txt` missing or holding this value). Other
 * values keep their names: a fix never overwrites a file or a declaration.
 */
function chooseSecret(plan: MovedSecretsPlan, doc: YamlDocument, declared: Node | undefined, base: string, value: string): SecretCandidate | undefined {
  for (const candidate of secretCandidates(plan, doc, declared, base)) {
    const current = plan.textOf(candidate.path);
    if (current !== undefined && current !== value) continue;
    if (!candidate.declare && current === undefined) continue; // declared, but its file is not here to check
    return candidate;
  }
  return undefined;
}

/** A secret `chooseSecret` may keep a value in: its name, its file (as declared, or the default one) and that file's path. */
interface SecretCandidate {
  secret: string;
  file: string;
  path: string;
  /** True when the secret is not declared yet: the fix declares it. */
  declare: boolean;
}

/**
 * The secrets a value of variables named `base` may be kept in, in order of preference (those declared
 * without a file left out), worked out once per plan (one per analysis) and document: thousands of
 * services setting the same variable each tried the same names, files and paths.
 */
function secretCandidates(plan: MovedSecretsPlan, doc: YamlDocument, declared: Node | undefined, base: string): readonly SecretCandidate[] {
  let byDoc = candidateLists.get(plan);
  if (!byDoc) candidateLists.set(plan, (byDoc = new Map()));
  let byBase = byDoc.get(doc);
  if (!byBase) byDoc.set(doc, (byBase = new Map()));
  const known = byBase.get(base);
  if (known) return known;
  const candidates: SecretCandidate[] = [];
  for (let n = 1; n <= MAX_NAME_CANDIDATES; n++) {
    const secret = n === 1 ? base : `${base}_${n}`;
    const declaration = isMap(declared) ? doc.get(declared, secret) : undefined;
    const file = declaration ? doc.scalar(declaration, 'file') : secretFile(secret);
    if (typeof file !== 'string') continue; // declared from an environment variable or as external
    candidates.push({ secret, file, path: plan.facts.resolve(file), declare: !declaration });
  }
  byBase.set(base, candidates);
  return candidates;
}

const candidateLists = new WeakMap<MovedSecretsPlan, Map<YamlDocument, Map<string, readonly SecretCandidate[]>>>();

/**
 * Grants `secret` to the service through its own `secrets:` list: appended, or a new key. Nothing to
 * do when granted already; undefined when the list is inherited (`<<:`) or aliased, where an edit
 * would change other services too.
 */
function grantEdit(doc: YamlDocument, service: ComposeService, secret: string): { edits: TextEdit[] } | undefined {
  const own = isMap(service.node) ? service.node.items.find((p) => isScalar(p.key) && p.key.value === 'secrets') : undefined;
  if (!own) return doc.pair(service.node, 'secrets') ? undefined : editsOf(insertPair(doc, service.node, 'secrets', [secret]));
  const list = own.value as Node | null;
  if (list && isSeq(list)) {
    const granted = list.items.some((i) => (isScalar(i) ? i.value === secret : doc.scalar(i, 'source') === secret));
    return granted ? { edits: [] } : editsOf(yamlPrependOrAppendItem(doc, list, secret));
  }
  return !list || isEmpty(list) ? editsOf(yamlSet(doc, service.node, ['secrets'], [secret])) : undefined;
}

/** A grant of one edit, none when the builder refused the node. */
const editsOf = (edit: TextEdit | undefined): { edits: TextEdit[] } | undefined => (edit ? { edits: [edit] } : undefined);
