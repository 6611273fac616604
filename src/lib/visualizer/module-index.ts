/**
 * One statement-level pass over the module (expressions are not entered): imports, every function
 * definition (with its decorators), module-level constants and the `if __name__ == "__main__":` block.
 * Dialects look names up here instead of searching the tree again.
 */
import type { SyntaxNode, Tree } from "@lezer/common";
import type { LineIndex } from "./lines";
import {
  assignParts,
  child,
  decoratorInfo,
  stringValue,
  text,
  walkStatements,
  type DecoratorInfo,
} from "./syntax";
import type { SourceSpan } from "./types";

export interface FunctionInfo {
  name: string;
  /** The `FunctionDefinition` node (starts at `def`/`async`, after any decorator). */
  node: SyntaxNode;
  /** The whole declaration including decorators. */
  declaration: SyntaxNode;
  decorators: DecoratorInfo[];
  params: string[];
  /** The return annotation expression (after `->`), if any. */
  returns: SyntaxNode | null;
  body: SyntaxNode | null;
  /** Span of the `def` line(s): from `def` to the end of the function. */
  definition: SourceSpan;
  /** Name of the enclosing function or class, if nested. */
  enclosing: string | null;
  topLevel: boolean;
}

export interface ImportInfo {
  /** Module path: `airflow.operators.bash` for `from airflow.operators.bash import X`, `json` for `import json`. */
  module: string;
  /** Imported names with their local alias (`from m import a as b` → {name: "a", local: "b"}). */
  names: Array<{ name: string; local: string }>;
}

export interface ModuleIndex {
  imports: ImportInfo[];
  /** Local name → fully qualified name, for names brought in by imports. */
  importedAs: Map<string, string>;
  /** Functions by name: a top-level definition wins over nested ones of the same name. */
  functions: Map<string, FunctionInfo>;
  allFunctions: FunctionInfo[];
  /** Literal values assigned at module level (`RETRIEVE = "retrieve"`) and in class bodies (`Nodes.RETRIEVE`). */
  constants: Map<string, SyntaxNode>;
  topStatements: SyntaxNode[];
  /** The body of `if __name__ == "__main__":`, if present. */
  mainBlock: SyntaxNode | null;
}

const LITERAL_NODES = new Set([
  "String",
  "ContinuedString",
  "ArrayExpression",
  "TupleExpression",
  "DictionaryExpression",
  "SetExpression",
  "Number",
]);

function isMainTest(code: string, node: SyntaxNode): boolean {
  if (node.name !== "BinaryExpression") return false;
  const t = text(code, node).replace(/\s+/g, "");
  return (
    t === '__name__=="__main__"' ||
    t === "__name__=='__main__'" ||
    t === '"__main__"==__name__' ||
    t === "'__main__'==__name__"
  );
}

export function buildModuleIndex(tree: Tree, code: string, lines: LineIndex): ModuleIndex {
  const index: ModuleIndex = {
    imports: [],
    importedAs: new Map(),
    functions: new Map(),
    allFunctions: [],
    constants: new Map(),
    topStatements: [],
    mainBlock: null,
  };

  const readImport = (stmt: SyntaxNode): void => {
    // `import a.b as c, d` or `from a.b import c as d, e`
    let isFrom = false;
    let phase: "module" | "names" = "names";
    let cur: string[] = [];
    let modulePath = "";
    let alias: string | null = null;
    let expectAlias = false;
    const names: Array<{ name: string; local: string }> = [];
    const flush = (): void => {
      if (cur.length) {
        const name = cur.join(".");
        names.push({ name, local: alias ?? (isFrom ? name : (cur[0] ?? name)) });
      }
      cur = [];
      alias = null;
    };
    for (let c = stmt.firstChild; c; c = c.nextSibling) {
      const n = c.name;
      if (n === "from") {
        isFrom = true;
        phase = "module";
      } else if (n === "import") {
        if (isFrom) modulePath = cur.join(".");
        cur = [];
        phase = "names";
      } else if (n === "as") expectAlias = true;
      else if (n === "VariableName") {
        if (expectAlias) {
          alias = text(code, c);
          expectAlias = false;
        } else cur.push(text(code, c));
      } else if (n === "," && phase === "names") flush();
    }
    if (phase === "names") flush();
    if (isFrom) {
      index.imports.push({ module: modulePath, names });
      for (const nm of names) index.importedAs.set(nm.local, modulePath ? `${modulePath}.${nm.name}` : nm.name);
    } else {
      for (const nm of names) {
        index.imports.push({ module: nm.name, names: [nm] });
        index.importedAs.set(nm.local, nm.local === nm.name.split(".")[0] ? nm.local : nm.name);
      }
    }
  };

  const addFunction = (def: SyntaxNode, declaration: SyntaxNode, decorators: DecoratorInfo[], enclosing: string | null): FunctionInfo | null => {
    const nameNode = child(def, "VariableName");
    if (!nameNode) return null;
    const params: string[] = [];
    const paramList = child(def, "ParamList");
    if (paramList) {
      // A parameter name is a VariableName directly in the ParamList (defaults come after AssignOp).
      let afterAssign = false;
      for (let c = paramList.firstChild; c; c = c.nextSibling) {
        if (c.name === "AssignOp") afterAssign = true;
        else if (c.name === ",") afterAssign = false;
        else if (c.name === "VariableName" && !afterAssign) params.push(text(code, c));
      }
    }
    const typeDef = child(def, "TypeDef");
    const body = child(def, "Body");
    const info: FunctionInfo = {
      name: text(code, nameNode),
      node: def,
      declaration,
      decorators,
      params,
      returns: typeDef?.firstChild ?? null,
      body,
      definition: lines.span(def.from, def.to),
      enclosing,
      topLevel: enclosing === null,
    };
    index.allFunctions.push(info);
    const prev = index.functions.get(info.name);
    if (!prev || (!prev.topLevel && info.topLevel)) index.functions.set(info.name, info);
    return info;
  };

  const recordConstant = (stmt: SyntaxNode, prefix: string): void => {
    const { targets, values } = assignParts(stmt);
    const value = values.length === 1 ? values[0] : undefined;
    if (!value || !LITERAL_NODES.has(value.name)) return;
    if (value.name === "Number") return;
    for (const group of targets) {
      if (group.length !== 1) continue;
      const t = group[0];
      if (t?.name === "VariableName") index.constants.set(prefix + text(code, t), value);
    }
  };

  /** Where a statement is: the enclosing function or class, and the `Cls.` prefix of a top-level class body. */
  interface Scope {
    enclosing: string | null;
    classPrefix: string | null;
  }

  const visit = (stmt: SyntaxNode, scope: Scope, depth: number): Scope | undefined => {
    switch (stmt.name) {
      case "ImportStatement":
        readImport(stmt);
        return undefined;
      case "AssignStatement":
        if (depth === 0 && scope.enclosing === null) recordConstant(stmt, "");
        else if (scope.classPrefix !== null) recordConstant(stmt, scope.classPrefix);
        return undefined;
      case "DecoratedStatement":
      case "FunctionDefinition":
      case "ClassDefinition": {
        const decorators: DecoratorInfo[] = [];
        let inner: SyntaxNode | null = stmt.name === "DecoratedStatement" ? null : stmt;
        for (let d = stmt.name === "DecoratedStatement" ? stmt.firstChild : null; d; d = d.nextSibling) {
          if (d.name === "Decorator") decorators.push(decoratorInfo(code, d));
          else if (d.name === "FunctionDefinition" || d.name === "ClassDefinition") inner = d;
        }
        if (inner?.name === "FunctionDefinition") {
          const info = addFunction(inner, stmt, decorators, scope.enclosing);
          return { enclosing: info?.name ?? scope.enclosing, classPrefix: null };
        }
        if (inner) {
          const nameNode = child(inner, "VariableName");
          const name = nameNode ? text(code, nameNode) : "";
          return { enclosing: scope.enclosing ?? name, classPrefix: depth === 0 ? `${name}.` : null };
        }
        return undefined;
      }
      case "IfStatement":
        if (depth === 0 && !index.mainBlock) {
          const test = stmt.firstChild?.nextSibling;
          if (test && isMainTest(code, test)) index.mainBlock = child(stmt, "Body");
        }
        return undefined;
      default:
        return undefined;
    }
  };

  for (let c = tree.topNode.firstChild; c; c = c.nextSibling) index.topStatements.push(c);
  walkStatements<Scope>(tree.topNode, { enclosing: null, classPrefix: null }, visit);
  return index;
}

/** A module constant's string value (`X = "x"`, or `Cls.X`), if it is one. */
export function constantString(index: ModuleIndex, code: string, name: string): string | null {
  const node = index.constants.get(name);
  return node ? stringValue(code, node) : null;
}
