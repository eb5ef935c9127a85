// The Kubernetes `format` CEL library (k8s.io/apiserver/pkg/cel/library/format.go) and the optional
// values it returns: `format.dns1123Label()` and the other named formats, `format.named(name)` (an
// optional format), and `<format>.validate(str)`, optional.none() when the string is valid, else an
// optional list of the API server's own error strings. Optionals (`hasValue()`, `value()`,
// `orValue(x)`, `optional.of(x)`, `optional.none()`) are CEL maps with a reserved key, as quantities are.
import { CelScalar, celFunc, celList, celMap, celMethod, isCelMap, type CelFunc, type CelMap, type CelValue } from '@bufbuild/cel';
import { re2 } from './regex';
import { parseUrl } from './urls';

const OPTIONAL_KEY = '@optional';
const FORMAT_KEY = '@format';

const none = (): CelMap => celMap(new Map([[OPTIONAL_KEY, false]]));
const some = (value: CelValue): CelMap =>
  celMap(
    new Map<string, CelValue>([
      [OPTIONAL_KEY, true],
      ['value', value],
    ]),
  );

function asOptional(v: CelValue): { present: boolean; value?: CelValue } {
  const present = isCelMap(v) ? v.get(OPTIONAL_KEY) : undefined;
  if (typeof present !== 'boolean') throw new Error('no such overload: expected an optional value');
  return present ? { present, value: (v as ReadonlyMap<unknown, CelValue>).get('value') } : { present };
}

// Error strings of k8s.io/apimachinery's validation (util/validation, api/validate/content).
const maxLenError = (length: number) => `must be no more than ${length} characters`;
const maxBytesError = (length: number) => `must be no more than ${length} bytes`;
function regexError(message: string, pattern: string, ...examples: string[]): string {
  return `${message} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${pattern}')`;
}
/** Whether the whole of `value` matches `pattern` (RE2, linear in the value). */
const fullMatch = (pattern: string, value: string): boolean => re2(`^(?:${pattern})$`).matches(value);
/** Length as Go's len() counts it: UTF-8 bytes. */
function byteLength(value: string): number {
  let bytes = 0;
  for (const c of value) {
    const code = c.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
const LABEL_KEY = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE = `(${LABEL_KEY})?`;

function dns1123Label(value: string): string[] {
  const errors = byteLength(value) > 63 ? [maxLenError(63)] : [];
  if (!fullMatch(DNS1123_LABEL, value)) {
    // A valid subdomain that is not a label has dots (the length was checked already).
    errors.push(
      fullMatch(DNS1123_SUBDOMAIN, value)
        ? 'must not contain dots'
        : regexError(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
            DNS1123_LABEL,
            'my-name',
            '123-abc',
          ),
    );
  }
  return errors;
}

function dns1123Subdomain(value: string): string[] {
  const errors = byteLength(value) > 253 ? [maxLenError(253)] : [];
  if (!fullMatch(DNS1123_SUBDOMAIN, value))
    errors.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN,
        'example.com',
      ),
    );
  return errors;
}

function dns1035Label(value: string): string[] {
  const errors = byteLength(value) > 63 ? [maxLenError(63)] : [];
  if (!fullMatch(DNS1035_LABEL, value))
    errors.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035_LABEL,
        'my-name',
        'abc-123',
      ),
    );
  return errors;
}

const LABEL_KEY_MESSAGE = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

function qualifiedName(value: string): string[] {
  const parts = value.split('/');
  if (parts.length > 2)
    return [`a valid label key ${regexError(LABEL_KEY_MESSAGE, LABEL_KEY, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  const errors: string[] = [];
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    if (parts[0] === '') errors.push('prefix part must be non-empty');
    else errors.push(...dns1123Subdomain(parts[0]).map((e) => `prefix part ${e}`));
  }
  if (name === '') errors.push('name part must be non-empty');
  else if (byteLength(name) > 63) errors.push(`name part ${maxBytesError(63)}`);
  if (!fullMatch(LABEL_KEY, name)) errors.push(`name part ${regexError(LABEL_KEY_MESSAGE, LABEL_KEY, 'MyName', 'my.name', '123-abc')}`);
  return errors;
}

function labelValue(value: string): string[] {
  const errors = byteLength(value) > 63 ? [maxBytesError(63)] : [];
  if (!fullMatch(LABEL_VALUE, value))
    errors.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  return errors;
}

/** A generated name's prefix may end in '-': the API server masks it before validating (maskTrailingDash). */
const asPrefix =
  (validate: (value: string) => string[]) =>
  (value: string): string[] =>
    validate(value.length > 1 && value.endsWith('-') ? `${value.slice(0, -2)}a` : value);

/** Go's url.ParseRequestURI, with its error as `parse "<text>": <reason>`. */
function uri(value: string): string[] {
  if (value === '') return ['parse "": empty url'];
  const parsed = parseUrl(value);
  if (!('error' in parsed)) return [];
  const reason = parsed.error.startsWith('URL must be') ? 'invalid URI for request' : parsed.error.replace(/^invalid URL: /, '');
  return [`parse ${JSON.stringify(value)}: ${reason}`];
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Go's time.Parse("2006-01-02"): four-digit year, two-digit month and day within the month. */
function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1] + (month === 2 && leap ? 1 : 0);
}

/** kube-openapi strfmt's IsDateTime: a date, a `t`, then a time whose fields it compares as text. */
function isDateTime(value: string): boolean {
  if (value.length < 4) return false;
  const parts = value.toLowerCase().split('t');
  if (parts.length < 2 || !isDate(parts[0])) return false;
  const m = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/.exec(parts[1]);
  return !!m && m[1] <= '23' && m[2] <= '59' && m[3] <= '59';
}

/** The API server's message when the check fails, else none. */
const check = (holds: (value: string) => boolean, message: string) => (value: string) => (holds(value) ? [] : [message]);

/** The named formats: each validates a string into the API server's error strings (none when valid). */
const FORMATS: Record<string, (value: string) => string[]> = {
  dns1123Label,
  dns1123Subdomain,
  dns1035Label,
  qualifiedName,
  dns1123LabelPrefix: asPrefix(dns1123Label),
  dns1123SubdomainPrefix: asPrefix(dns1123Subdomain),
  dns1035LabelPrefix: asPrefix(dns1035Label),
  labelValue,
  uri,
  uuid: check((v) => fullMatch('(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}', v), 'does not match the UUID format'),
  byte: check((v) => fullMatch('(?:[A-Za-z0-9+\\/]{4})*(?:[A-Za-z0-9+\\/]{2}==|[A-Za-z0-9+\\/]{3}=|[A-Za-z0-9+\\/]{4})', v), 'invalid base64'),
  date: check(isDate, 'invalid date'),
  datetime: check(isDateTime, 'invalid datetime'),
};

const formatValue = (name: string): CelMap => celMap(new Map([[FORMAT_KEY, name]]));

function asFormat(v: CelValue): (value: string) => string[] {
  const name = isCelMap(v) ? v.get(FORMAT_KEY) : undefined;
  const validate = typeof name === 'string' ? FORMATS[name] : undefined;
  if (!validate) throw new Error('no such overload: expected a format');
  return validate;
}

/** The library's functions; a function of the scalar types, as kubernetesFunctions builds it on first use. */
export const formatFunctions = ({ STRING, BOOL, DYN }: typeof CelScalar): CelFunc[] => [
  ...Object.keys(FORMATS).map((name) => celFunc(`format.${name}`, [], DYN, () => formatValue(name))),
  celFunc('format.named', [STRING], DYN, (name) => (Object.hasOwn(FORMATS, name) ? some(formatValue(name)) : none())),
  celMethod('validate', DYN, [STRING], DYN, function (value) {
    const errors = asFormat(this)(value);
    return errors.length ? some(celList(errors)) : none();
  }),
  celFunc('optional.of', [DYN], DYN, (value) => some(value)),
  celFunc('optional.none', [], DYN, none),
  celMethod('hasValue', DYN, [], BOOL, function () {
    return asOptional(this).present;
  }),
  celMethod('value', DYN, [], DYN, function () {
    const o = asOptional(this);
    if (!o.present) throw new Error('optional.none() dereference');
    return o.value!;
  }),
  celMethod('orValue', DYN, [DYN], DYN, function (fallback) {
    const o = asOptional(this);
    return o.present ? o.value! : fallback;
  }),
];
