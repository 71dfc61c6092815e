/**
 * A TypeScript program compiled against the ES2016 library, with one planted module that uses
 * ES2017+ built-ins: the planted module's errors prove the compile refuses what an ES2016 runtime
 * lacks, and every other file's errors are real findings. Used for src/core and the event bundles.
 */
import * as path from "node:path";
import ts from "typescript";

export interface Es2016ProgramOptions {
  /** The tsconfig whose options (strictness, paths) the program keeps. */
  tsconfig: string;
  /** Root files; default: the tsconfig's own file list. */
  entries?: string[];
  /** Path of the module that exists only in memory. */
  planted: string;
  plantedCode: string;
  /** Libraries besides ES2016 (e.g. the DOM, for types only). */
  extraLibs?: string[];
  types?: string[];
}

export function es2016Program(options: Es2016ProgramOptions): {
  program: ts.Program;
  diagnostics: readonly ts.Diagnostic[];
} {
  const config = ts.getParsedCommandLineOfConfigFile(
    options.tsconfig,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error(`${options.tsconfig} did not parse`);
  const compilerOptions: ts.CompilerOptions = {
    ...config.options,
    lib: ["lib.es2016.d.ts", ...(options.extraLibs ?? [])],
    ...(options.types ? { types: options.types } : {}),
    target: ts.ScriptTarget.ES2016,
    noEmit: true,
  };
  const host = ts.createCompilerHost(compilerOptions);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => (path.resolve(f) === options.planted ? options.plantedCode : readFile(f));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => path.resolve(f) === options.planted || fileExists(f);
  const roots = [...(options.entries ?? config.fileNames), options.planted];
  const program = ts.createProgram(roots, compilerOptions, host);
  return { program, diagnostics: ts.getPreEmitDiagnostics(program) };
}

/** `file:line: message` for each diagnostic, paths relative to `root`. */
export function describeDiagnostics(root: string, ds: readonly ts.Diagnostic[]): string[] {
  return ds.map((d) => {
    const where = d.file
      ? `${path.relative(root, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : "";
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  });
}

/** The lines of the planted module that failed to compile. */
export function plantedLinesRefused(ds: readonly ts.Diagnostic[], planted: string): number[] {
  const lines = ds
    .filter((d) => d.file?.fileName === planted)
    .map((d) => d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1);
  return [...new Set(lines)].sort();
}
