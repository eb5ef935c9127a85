// CEL expressions compiled once per text (parse, static checks, plan) and evaluated under a budget.
// The static checks are what the API server's type check would say before any object is seen: a
// syntax error, a variable that is not declared, a function this engine does not evaluate offline.
import { CelScalar, celEnv, celFunc, isCelError, isCelList, isCelMap, parse, plan, type CelResult, type CelValue } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { kubernetesFunctions, UNSUPPORTED } from './kubernetesLibrary';
import { lazy } from '../../lazy';
import { charge, CostBudget, sizeCost, underBudget } from './budget';
import { celNative, type CelData } from './values';
import { CACHED_RE2, compilePattern } from './regex';
import { resultType } from './resultType';

const COST_FUNCTION = '@cost';
const VARIABLE_FUNCTION = '@var';

/** Built on first compilation: creating the environment loads the CEL library (see lazy). */
const env = lazy(() => {
  /** Wraps every comprehension's loop condition: each step of a macro (`all`, `map`, ...) is charged. */
  const costStep = celFunc(COST_FUNCTION, [CelScalar.DYN], CelScalar.DYN, (x) => {
    charge(1);
    return x;
  });
  /**
   * Wraps a declared variable that a field is selected from (`object` in `object.spec`). The planner
   * would otherwise first look `object.spec` up as a qualified name (a protobuf message or enum), then
   * `object`, at every evaluation: the wrapped variable is resolved once, by its name alone.
   */
  const variable = celFunc(VARIABLE_FUNCTION, [CelScalar.DYN], CelScalar.DYN, (x) => x);
  return celEnv({ funcs: [...strings, ...kubernetesFunctions(), costStep, variable], re2: CACHED_RE2 });
});
/** Operators the planner evaluates itself (short-circuiting), not through the function table. */
const PLANNER_OPERATORS = new Set(['_&&_', '_||_', '_?_:_', '_[_]', '@not_strictly_false']);
/** Identifiers naming types (`type(x) == string`). */
const TYPE_NAMES = new Set(['int', 'uint', 'double', 'bool', 'string', 'bytes', 'list', 'map', 'null_type', 'type', 'dyn']);

/** A problem found before evaluation, at an offset into the expression text. */
export interface StaticProblem {
  kind: 'syntax' | 'unknownVariable' | 'unsupported' | 'type';
  message: string;
  offset: number;
  length: number;
}

export interface CompiledExpression {
  text: string;
  /** Problems that keep the expression from being evaluated, in text order: a syntax error, an undeclared variable, an unsupported function. */
  problems: StaticProblem[];
  run?: (bindings: Record<string, CelValue>) => CelResult;
  /** Offset into the text of each AST node, by id: where a runtime error points. */
  positions: ReadonlyMap<bigint, number>;
  /** The type the expression returns when its shape decides it (see resultType). */
  resultType?: string;
}

export type Outcome = { value: CelValue } | { error: string; offset?: number } | { exceeded: string };

/** Compiled expressions by declared variables and text; bounded, oldest dropped first. */
const cache = new Map<string, CompiledExpression>();
const CACHE_LIMIT = 5_000;
/** Longer expressions are refused unparsed (the API server caps them at 5,000 bytes... per rule, 10x here). */
export const MAX_EXPRESSION_LENGTH = 50_000;

/** `text` compiled for an environment declaring `variables` (top-level names such as `object`). */
export function compileExpression(text: string, variables: readonly string[]): CompiledExpression {
  const key = `${variables.join(',')}\n${text}`;
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compile(text, new Set(variables));
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, compiled);
  }
  return compiled;
}

function compile(text: string, variables: ReadonlySet<string>): CompiledExpression {
  const positions = new Map<bigint, number>();
  if (text.length > MAX_EXPRESSION_LENGTH) {
    return { text, positions, problems: [{ kind: 'syntax', message: `the expression is longer than ${MAX_EXPRESSION_LENGTH} characters`, offset: 0, length: 0 }] };
  }
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(text);
  } catch (e) {
    const offset = syntaxOffset(e, text);
    // Optional field syntax (`a.?b`, `[?x]`) is valid CEL the parser does not know yet: not an author's error.
    if (/\.\?|\[\?|\{\?/.test(text))
      return { text, positions, problems: [{ kind: 'unsupported', message: 'not evaluated: uses optional field syntax (`.?`)', offset: text.search(/\.\?|\[\?|\{\?/), length: 2 }] };
    return { text, positions, problems: [{ kind: 'syntax', message: `syntax error: ${syntaxMessage(e)}`, offset, length: 1 }] };
  }
  for (const [id, offset] of Object.entries(parsed.sourceInfo?.positions ?? {})) positions.set(BigInt(id), offset);
  // Before staticProblems wraps nodes for evaluation.
  const type = resultType(parsed.expr);
  const problems = staticProblems(parsed.expr, variables, positions, text);
  if (problems.length) return { text, positions, problems, resultType: type };
  const program = plan(env(), parsed);
  return { text, positions, problems, resultType: type, run: (bindings) => program(bindings) };
}

/** A variable's value: data (converted once, see celNative) or a value the evaluator made. */
export type Binding = CelData | CelValue;

/** Bindings as the evaluator's values, by identity: a set of bindings used for many expressions is converted once. */
const nativeRecords = new WeakMap<Record<string, Binding>, Record<string, CelValue>>();

function nativeBindings(bindings: Record<string, Binding>): Record<string, CelValue> {
  let native = nativeRecords.get(bindings);
  if (!native) {
    native = {};
    for (const [name, value] of Object.entries(bindings)) native[name] = isCelMap(value) || isCelList(value) ? value : celNative(value as CelData);
    nativeRecords.set(bindings, native);
  }
  return native;
}

/** Evaluates `compiled` with `bindings` under `budget` (a fresh one per expression unless shared). */
export function evaluate(compiled: CompiledExpression, bindings: Record<string, Binding>, budget = new CostBudget()): Outcome {
  if (!compiled.run) return { error: compiled.problems[0]?.message ?? 'not compiled' };
  let result: CelResult;
  try {
    result = underBudget(budget, () => compiled.run!(nativeBindings(bindings)));
    budget.charge(sizeCost(result));
  } catch (e) {
    // The evaluator returns errors as values; a throw is a bug or exhausted memory, reported the same way.
    result = new Error(String(e)) as unknown as CelResult;
  }
  if (budget.exceeded) return { exceeded: budget.exceeded };
  if (isCelError(result) || result instanceof Error) {
    const id = isCelError(result) ? result.exprId : undefined;
    return { error: result.message.split('\n', 1)[0], ...(id !== undefined && compiled.positions.has(id) ? { offset: compiled.positions.get(id) } : {}) };
  }
  return { value: result };
}

type Expr = ReturnType<typeof parse>['expr'];

/**
 * Undeclared identifiers and unsupported functions, walking the AST with comprehension variables in
 * scope; every comprehension's loop condition is wrapped in the cost step on the way.
 */
function staticProblems(root: Expr, variables: ReadonlySet<string>, positions: Map<bigint, number>, text: string): StaticProblem[] {
  const problems: StaticProblem[] = [];
  let nextId = 1n + [...positions.keys()].reduce((a, b) => (a > b ? a : b), 0n);
  // A method call is placed at its dot: its name starts after it.
  const at = (e: Expr) => {
    const offset = positions.get(e.id) ?? 0;
    return text[offset] === '.' ? offset + 1 : offset;
  };
  const unsupported = (name: string, e: Expr): void => {
    problems.push({ kind: 'unsupported', message: `not evaluated: uses ${name}() of the Kubernetes ${UNSUPPORTED[name] ?? 'unknown'} library`, offset: at(e), length: name.length });
  };
  // An explicit stack: nesting depth is the attacker's to choose.
  const stack: Array<{ e: Expr | undefined; scope: ReadonlySet<string> }> = [{ e: root, scope: variables }];
  while (stack.length) {
    const { e, scope } = stack.pop()!;
    if (!e) continue;
    const kind = e.exprKind;
    switch (kind.case) {
      case 'identExpr':
        if (UNSUPPORTED[kind.value.name] === 'authz')
          problems.push({ kind: 'unsupported', message: 'not evaluated: uses authz (the authorizer is not evaluable offline)', offset: at(e), length: kind.value.name.length });
        else if (!scope.has(kind.value.name) && !TYPE_NAMES.has(kind.value.name))
          problems.push({ kind: 'unknownVariable', message: `undeclared reference to '${kind.value.name}'`, offset: at(e), length: kind.value.name.length });
        break;
      case 'selectExpr': {
        const operand = kind.value.operand;
        if (operand?.exprKind.case === 'identExpr' && scope.has(operand.exprKind.value.name)) {
          kind.value.operand = { ...operand, id: nextId++, exprKind: { case: 'callExpr', value: { $typeName: 'cel.expr.Expr.Call', function: VARIABLE_FUNCTION, args: [operand] } } } as Expr;
        }
        stack.push({ e: operand, scope });
        break;
      }
      case 'callExpr': {
        const name = kind.value.function;
        // `format.dns1123Label()`: a function of a namespace (not a method of a variable), as the planner resolves it.
        const namespace = qualifiedName(kind.value.target, scope);
        if (namespace !== undefined) {
          const qualified = `${namespace}.${name}`;
          if (!env().funcs.find(qualified))
            problems.push({ kind: 'unknownVariable', message: `undeclared reference to function '${qualified}'`, offset: at(kind.value.target!), length: qualified.length });
          stack.push(...kind.value.args.map((a) => ({ e: a, scope })));
          break;
        }
        const regex = constantPattern(name, kind.value.target, kind.value.args);
        if (regex) {
          // The API server compiles a constant pattern with the policy, and refuses the policy when it is invalid.
          try {
            compilePattern(regex.pattern);
          } catch (error) {
            problems.push({ kind: 'syntax', message: (error as Error).message, offset: positions.get(regex.node.id) ?? at(e), length: regex.pattern.length + 2 });
          }
        }
        if (!PLANNER_OPERATORS.has(name) && !env().funcs.find(name)) {
          if (UNSUPPORTED[name]) unsupported(name, e);
          else problems.push({ kind: 'unknownVariable', message: `undeclared reference to function '${name}'`, offset: at(e), length: name.length });
        }
        stack.push({ e: kind.value.target, scope }, ...kind.value.args.map((a) => ({ e: a, scope })));
        break;
      }
      case 'listExpr':
        stack.push(...kind.value.elements.map((a) => ({ e: a, scope })));
        break;
      case 'structExpr':
        for (const entry of kind.value.entries) {
          if (entry.keyKind.case === 'mapKey') stack.push({ e: entry.keyKind.value, scope });
          stack.push({ e: entry.value, scope });
        }
        break;
      case 'comprehensionExpr': {
        const c = kind.value;
        const inner = new Set([...scope, c.iterVar, c.accuVar, ...(c.iterVar2 ? [c.iterVar2] : [])]);
        stack.push({ e: c.iterRange, scope }, { e: c.accuInit, scope }, { e: c.loopCondition, scope: inner }, { e: c.loopStep, scope: inner }, { e: c.result, scope: new Set([...scope, c.accuVar]) });
        if (c.loopCondition) {
          const id = nextId++;
          c.loopCondition = { ...e, id, exprKind: { case: 'callExpr', value: { $typeName: 'cel.expr.Expr.Call', function: COST_FUNCTION, args: [c.loopCondition] } } } as Expr;
        }
        break;
      }
      default:
        break;
    }
  }
  return problems.sort((a, b) => a.offset - b.offset);
}

/** Functions taking an RE2 pattern: `matches` (standard), `find` and `findAll` (the Kubernetes regex library). */
const REGEX_FUNCTIONS = new Set(['matches', 'find', 'findAll']);

/** The constant pattern of a regex function call, when it is a literal string. */
function constantPattern(name: string, target: Expr | undefined, args: readonly Expr[]): { pattern: string; node: Expr } | undefined {
  if (!REGEX_FUNCTIONS.has(name)) return undefined;
  // `s.matches(re)` and `matches(s, re)`.
  const node = target ? args[0] : args[1];
  const constant = node?.exprKind.case === 'constExpr' ? node.exprKind.value.constantKind : undefined;
  return constant?.case === 'stringValue' ? { pattern: constant.value, node: node! } : undefined;
}

/** `a.b` of a call target made of identifiers only whose first is no variable in scope (a namespace); else undefined. */
function qualifiedName(target: Expr | undefined, scope: ReadonlySet<string>): string | undefined {
  const names: string[] = [];
  for (let e = target; e;) {
    const kind = e.exprKind;
    if (kind.case === 'identExpr') {
      names.unshift(kind.value.name);
      return scope.has(kind.value.name) || UNSUPPORTED[kind.value.name] ? undefined : names.join('.');
    }
    if (kind.case !== 'selectExpr' || kind.value.testOnly) return undefined;
    names.unshift(kind.value.field);
    e = kind.value.operand;
  }
  return undefined;
}

function syntaxOffset(e: unknown, text: string): number {
  const location = (e as { location?: { start?: { offset?: unknown } } })?.location;
  const offset = location?.start?.offset;
  return typeof offset === 'number' ? Math.min(Math.max(offset, 0), text.length) : 0;
}

function syntaxMessage(e: unknown): string {
  const raw = (e as { rawMessage?: unknown })?.rawMessage;
  return typeof raw === 'string' ? raw : e instanceof Error ? e.message.replace(/^<input>:\d+:\d+: /, '') : String(e);
}
