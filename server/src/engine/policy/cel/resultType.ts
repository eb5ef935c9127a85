// The type an expression returns when its shape alone decides it (`'a' + x` is a string, `x > 1` a
// bool), as the API server's type check would find it; undefined when it depends on the data (`object.x`
// is dyn). Enough to tell an author that a messageExpression cannot return a string.
import type { parse } from '@bufbuild/cel';

type Expr = NonNullable<ReturnType<typeof parse>['expr']>;

const BOOL_OPERATORS = new Set([
  '_==_',
  '_!=_',
  '_<_',
  '_<=_',
  '_>_',
  '_>=_',
  '!_',
  '_&&_',
  '_||_',
  '@in',
  'startsWith',
  'endsWith',
  'contains',
  'matches',
  'isSorted',
  'isURL',
  'isIP',
  'isCIDR',
  'isQuantity',
  'hasValue',
]);
const STRING_FUNCTIONS = new Set(['string', 'join', 'lowerAscii', 'upperAscii', 'replace', 'substring', 'trim', 'charAt', 'format', 'quote', 'reverse', 'find']);
const LIST_FUNCTIONS = new Set(['findAll', 'split']);
/** Functions returning an optional value (the format library's `validate`, `format.named`; `optional.of`). */
const OPTIONAL_FUNCTIONS = new Set(['validate', 'named', 'of', 'none']);
const INT_FUNCTIONS = new Set(['int', 'size', 'indexOf', 'lastIndexOf']);
const CONSTANT_TYPES: Record<string, string> = { stringValue: 'string', int64Value: 'int', uint64Value: 'uint', doubleValue: 'double', boolValue: 'bool', nullValue: 'null', bytesValue: 'bytes' };
/** Arithmetic returns its operands' type: the first one known decides the overload. */
const ARITHMETIC = new Set(['_+_', '_-_', '_*_', '_/_', '_%_']);

export function resultType(expr: Expr | undefined, depth = 0): string | undefined {
  if (!expr || depth > 100) return undefined;
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'constExpr':
      return CONSTANT_TYPES[kind.value.constantKind.case ?? ''];
    case 'listExpr':
      return 'list';
    case 'structExpr':
      return kind.value.messageName ? undefined : 'map';
    case 'selectExpr':
      return kind.value.testOnly ? 'bool' : undefined;
    case 'comprehensionExpr':
      // The result, or the accumulator it returns: all/exists fold into a bool, map/filter into a list.
      return resultType(kind.value.result, depth + 1) ?? resultType(kind.value.accuInit, depth + 1);
    case 'callExpr': {
      const name = kind.value.function;
      if (BOOL_OPERATORS.has(name)) return 'bool';
      if (STRING_FUNCTIONS.has(name)) return 'string';
      if (INT_FUNCTIONS.has(name)) return 'int';
      if (LIST_FUNCTIONS.has(name)) return 'list';
      if (OPTIONAL_FUNCTIONS.has(name)) return 'optional';
      if (name === '_?_:_') {
        const [, whenTrue, whenFalse] = kind.value.args.map((a) => resultType(a, depth + 1));
        return whenTrue === whenFalse ? whenTrue : undefined;
      }
      if (ARITHMETIC.has(name)) {
        const types = kind.value.args.map((a) => resultType(a, depth + 1));
        return types.find((t) => t !== undefined);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
