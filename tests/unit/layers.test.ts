// The layer order of src/ (README, "Layers"), read from the imports themselves: each module
// imports only from its own folder and the layers below it, and compose/ (pure: plain data in,
// email content out) imports nothing from db/ or mail/. A new folder fails here until it is
// given a place in the order.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");

/** Top to bottom. A name is a folder of src/, or a file directly in src/. */
const LAYERS: string[][] = [
  ["index.ts", "config.ts", "deps.ts", "env.ts", "cli"],
  ["router"],
  ["inbound", "replies", "http"],
  ["nudges"],
  ["compose", "links"],
  ["mail", "db"],
  ["time", "log.ts", "names"],
];

/**
 * The dependency bag and the typed config that entry builds and hands to every use case: lower
 * layers may name these types (never import anything that runs from entry).
 */
const ENTRY_TYPES = new Set(["config.ts", "deps.ts"]);

/** compose/ renders plain data: it must not know rows (db/) or the provider's message shape (mail/). */
const FORBIDDEN: Record<string, string[]> = { compose: ["db", "mail"] };

function unitOf(file: string): string {
  const [first] = relative(SRC, file).split("/");
  return first!;
}

function levelOf(unit: string): number {
  return LAYERS.findIndex((layer) => layer.includes(unit));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

/** Every relative import and re-export of a file, with whether it is erased at build (type-only). */
function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const found: Import[] = [];
  for (const statement of source.statements) {
    let specifier: ts.Expression | undefined;
    let typeOnly = false;
    if (ts.isImportDeclaration(statement)) {
      specifier = statement.moduleSpecifier;
      const clause = statement.importClause;
      typeOnly = Boolean(
        clause &&
          (clause.isTypeOnly ||
            (!clause.name &&
              clause.namedBindings &&
              ts.isNamedImports(clause.namedBindings) &&
              clause.namedBindings.elements.length > 0 &&
              clause.namedBindings.elements.every((element) => element.isTypeOnly))),
      );
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
      specifier = statement.moduleSpecifier;
      typeOnly = statement.isTypeOnly;
    }
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith(".")) continue;
    found.push({ from: file, to: resolve(dirname(file), specifier.text), typeOnly });
  }
  return found;
}

const files = sourceFiles(SRC);
const imports = files.flatMap(importsOf);

describe("the layer order of src/", () => {
  it("places every folder and top-level file of src/ in a layer", () => {
    const units = [...new Set(files.map(unitOf))];
    expect(units.filter((unit) => levelOf(unit) < 0)).toEqual([]);
  });

  it("has every module import only its own folder and the layers below it", () => {
    const wrong = imports
      .filter(({ from, to, typeOnly }) => {
        const [source, target] = [unitOf(from), unitOf(`${to}.ts`)];
        // Entry is one unit: the Worker, its config and the deps it builds work together.
        if (source === target || (levelOf(source) === 0 && levelOf(target) === 0)) return false;
        if (typeOnly && ENTRY_TYPES.has(target)) return false;
        return levelOf(target) <= levelOf(source);
      })
      .map(({ from, to }) => `${relative(SRC, from)} -> ${relative(SRC, to)}`);
    expect(wrong).toEqual([]);
  });

  it("keeps compose/ free of db/ and mail/, types included", () => {
    const wrong = imports
      .filter(({ from, to }) => FORBIDDEN[unitOf(from)]?.includes(unitOf(`${to}.ts`)))
      .map(({ from, to }) => `${relative(SRC, from)} -> ${relative(SRC, to)}`);
    expect(wrong).toEqual([]);
  });

  it("sees the imports it checks (a parser that found none would pass everything)", () => {
    // Known edges of the current code: if these vanish, the reader above is broken, not the code clean.
    const edges = imports.map(({ from, to }) => `${relative(SRC, from)} -> ${relative(SRC, to)}`);
    expect(edges).toContain("router/receive.ts -> replies/process-reply");
    expect(edges).toContain("compose/prep.tsx -> compose/format");
    expect(imports.some((edge) => edge.typeOnly)).toBe(true);
  });
});
