// The module graph as the TypeScript compiler resolves it, for tests that hold the tree to its layering.
// The compiler host records every module name the compiler asks it to resolve while it builds the program
// (static, dynamic and type-only imports, re-exports, `import x = require()`, `import('m').T` types), so
// nothing a regular expression could miss escapes, relative imports included.
import * as path from 'node:path';
import ts from 'typescript';

export interface ModuleImport {
  /** The importing file, absolute. */
  from: string;
  /** The module name as written. */
  specifier: string;
  /** The file the compiler resolved it to, absolute; undefined when it did not resolve. */
  resolved?: string;
  /** Resolved into a package (node_modules) rather than to a file of the program's own tree. */
  external: boolean;
}

/** A tsconfig's root files and options, as `tsc -p` reads them. */
export function readProject(configFile: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`cannot read ${configFile}`);
  if (parsed.errors.length) throw new Error(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  return parsed;
}

/**
 * Every import of every file in `rootNames`, resolved with `options`. A bare `require('m')` call is listed
 * too: in a .ts file the compiler does not treat it as an import, so it would otherwise slip past.
 */
export function moduleImports(rootNames: readonly string[], options: ts.CompilerOptions): ModuleImport[] {
  const host = ts.createCompilerHost(options);
  const cache = ts.createModuleResolutionCache(host.getCurrentDirectory(), host.getCanonicalFileName, options);
  const roots = new Set(rootNames.map((f) => path.resolve(f)));
  const imports: ModuleImport[] = [];
  const resolve = (specifier: string, from: string, mode: ts.ResolutionMode, redirect?: ts.ResolvedProjectReference) => {
    const resolution = ts.resolveModuleName(specifier, from, options, host, cache, redirect, mode);
    if (roots.has(path.resolve(from))) {
      const found = resolution.resolvedModule;
      imports.push({ from: path.resolve(from), specifier, resolved: found && path.resolve(found.resolvedFileName), external: !!found?.isExternalLibraryImport });
    }
    return resolution;
  };
  host.resolveModuleNameLiterals = (literals, from, redirect, compilerOptions, file) =>
    literals.map((literal) => resolve(literal.text, from, ts.getModeForUsageLocation(file, literal, compilerOptions), redirect));
  const program = ts.createProgram({ rootNames: [...roots], options, host });
  for (const file of program.getSourceFiles()) {
    if (!roots.has(path.resolve(file.fileName))) continue;
    for (const literal of requireCalls(file)) resolve(literal.text, file.fileName, ts.ModuleKind.CommonJS);
  }
  return imports;
}

function requireCalls(file: ts.SourceFile): ts.StringLiteralLike[] {
  const found: ts.StringLiteralLike[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0]))
      found.push(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
