// A template tag for multi-line test inputs written at the test's indentation:
//   dedent`
//     services:
//       web:
//         image: nginx
//   `  === 'services:\n  web:\n    image: nginx\n'
// The line break after the opening backtick and the indentation of the closing one are dropped, the
// indentation common to the non-blank lines is removed, and the text ends with exactly one line break.
// « » markers and tabs are kept; ${} values are inserted before the indentation is removed.

export function dedent(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw
    .replace(/^[ \t]*\n/, '')
    .replace(/\n[ \t]*$/, '')
    .split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(common, /^ */.exec(l)![0].length))).join('\n') + '\n';
}
