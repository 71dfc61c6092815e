/**
 * The rooms of src/core, src/addin, the shared UI (src/ui), the console's contract (src/contracts) and the
 * admin console (src/admin), and what each may import (docs/architecture.md says why).
 * `roomViolations` reads the imports of every file (static, type-only, re-exports, dynamic import()
 * and require) and names each one a room may not make; `roomCycles` finds cycles between rooms.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import ts from "typescript";

export type Room =
  | "core"
  | "addin/ports"
  | "addin/hosts"
  | "addin/services"
  | "addin/i18n"
  | "addin/flows"
  | "addin/runtime"
  | "addin/events"
  | "addin/taskpane"
  | "ui"
  | "contracts"
  | "admin";

/** What an entry point (event bundle, task pane) builds on. */
const ENTRY_ROOMS: Room[] = [
  "core",
  "addin/ports",
  "addin/hosts",
  "addin/services",
  "addin/i18n",
  "addin/flows",
  "addin/runtime",
];

/** Rooms each room may import from (its own always). */
export const MAY_IMPORT: Record<Room, Room[]> = {
  core: [],
  "addin/ports": ["core"],
  "addin/hosts": ["core", "addin/ports"],
  "addin/services": ["core", "addin/ports"],
  "addin/i18n": ["core", "addin/hosts"],
  "addin/flows": ["core", "addin/ports", "addin/hosts"],
  "addin/runtime": ["core", "addin/ports", "addin/hosts", "addin/services"],
  // The two kinds of entry point: either may use every room below them, never each other.
  "addin/events": ENTRY_ROOMS,
  "addin/taskpane": [...ENTRY_ROOMS, "ui"],
  // UI both apps show; it knows neither app.
  ui: ["core"],
  // The console's API types: the server and the console import them, they import only core types.
  contracts: ["core"],
  // The console never reaches into the add-in (nor the add-in into the console).
  admin: ["core", "ui", "contracts"],
};

/** Packages each room may import; everything else is refused. */
export const MAY_USE: Record<Room, string[]> = {
  core: ["fast-xml-parser", "validator", "zod"],
  "addin/ports": [],
  "addin/hosts": ["fflate", "@azure/msal-browser"],
  "addin/services": [],
  "addin/i18n": [],
  "addin/flows": [],
  "addin/runtime": [],
  "addin/events": [],
  "addin/taskpane": ["react", "react-dom", "@fluentui/react-components"],
  ui: ["react", "@fluentui/react-components"],
  contracts: [],
  admin: ["react", "react-dom", "@fluentui/react-components", "@fluentui/react-icons", "chart.js"],
};

export function roomOf(root: string, file: string): Room | null {
  const rel = path.relative(path.join(root, "src"), file).split(path.sep);
  if (rel[0] === "core") return "core";
  if (rel[0] === "ui" || rel[0] === "contracts" || rel[0] === "admin") return rel[0];
  if (rel[0] === "addin" && rel.length >= 2) {
    const room = `addin/${rel[1]}` as Room;
    return room in MAY_IMPORT ? room : null;
  }
  return null;
}

function packageName(spec: string): string {
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** Every module a file imports, as written. */
export function importsOf(text: string): string[] {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map((f) => f.fileName);
}

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

export interface Violation {
  file: string;
  imports: string;
  why: string;
}

/** Imports that leave what their room may import. `files` maps absolute paths to source text. */
export function roomViolations(root: string, files: Map<string, string>): Violation[] {
  const out: Violation[] = [];
  for (const [file, text] of files) {
    const room = roomOf(root, file);
    if (!room) continue;
    const rel = path.relative(root, file);
    for (const spec of importsOf(text)) {
      if (spec.startsWith(".")) {
        const target = roomOf(root, path.resolve(path.dirname(file), spec));
        if (target === null) out.push({ file: rel, imports: spec, why: `${room} imports outside the rooms` });
        else if (target !== room && !MAY_IMPORT[room].includes(target))
          out.push({ file: rel, imports: spec, why: `${room} may not import ${target}` });
      } else if (!MAY_USE[room].includes(packageName(spec)))
        out.push({ file: rel, imports: spec, why: `${room} may not use the package ${packageName(spec)}` });
    }
  }
  return out;
}

/** The rooms each room really imports. */
export function roomGraph(root: string, files: Map<string, string>): Map<Room, Set<Room>> {
  const graph = new Map<Room, Set<Room>>();
  for (const [file, text] of files) {
    const room = roomOf(root, file);
    if (!room) continue;
    const edges = graph.get(room) ?? new Set<Room>();
    graph.set(room, edges);
    for (const spec of importsOf(text).filter((s) => s.startsWith("."))) {
      const target = roomOf(root, path.resolve(path.dirname(file), spec));
      if (target && target !== room) edges.add(target);
    }
  }
  return graph;
}

/** Cycles between rooms, each as the path that closes it. */
export function roomCycles(graph: Map<Room, Set<Room>>): Room[][] {
  const cycles: Room[][] = [];
  const visit = (room: Room, trail: Room[]): void => {
    if (trail.includes(room)) {
      cycles.push([...trail.slice(trail.indexOf(room)), room]);
      return;
    }
    for (const next of graph.get(room) ?? []) visit(next, [...trail, room]);
  };
  for (const room of graph.keys()) visit(room, []);
  return cycles;
}

export function readSources(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const dir of ["core", "addin", "ui", "contracts", "admin"])
    for (const file of sourceFiles(path.join(root, "src", dir))) files.set(file, readFileSync(file, "utf8"));
  return files;
}
