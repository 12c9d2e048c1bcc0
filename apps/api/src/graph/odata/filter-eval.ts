import { compareScalars, isNullish, valuesEqual, type CompareKind } from "./compare";
import { bareTypeName, isInstanceOf } from "./entity-type";
import type { FilterNode, LiteralNode, PropertyNode } from "./filter-ast";
import type { EntityTypeInfo, PropKind } from "./types";

interface Context {
  root: Record<string, unknown>;
  type: EntityTypeInfo;
  caseInsensitive: boolean;
  vars: Map<string, unknown>;
}

/** Read a path off a value; a missing or null step yields null. */
export function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const seg of path) {
    if (isNullish(current) || typeof current !== "object" || Array.isArray(current)) return null;
    current = (current as Record<string, unknown>)[seg];
  }
  return current === undefined ? null : current;
}

function literalKind(lit: LiteralNode): PropKind | undefined {
  switch (lit.type) {
    case "guid": return "guid";
    case "datetime": return "datetime";
    case "number": return "number";
    case "boolean": return "boolean";
    default: return undefined;
  }
}

/** The kind to compare two operands as: a property's declared kind wins over what a literal looks like. */
function comparisonKind(left: FilterNode, right: FilterNode): CompareKind {
  const declared = (n: FilterNode): PropKind | undefined =>
    n.kind === "property" ? n.propKind : n.kind === "call" && (n.name === "tolower" || n.name === "toupper") ? "string" : undefined;
  const fromLiteral = (n: FilterNode): PropKind | undefined => (n.kind === "literal" ? literalKind(n) : undefined);
  return declared(left) ?? declared(right) ?? fromLiteral(left) ?? fromLiteral(right);
}

function evalProperty(node: PropertyNode, ctx: Context): unknown {
  const base = node.scope === null ? ctx.root : ctx.vars.get(node.scope);
  return readPath(base, node.path);
}

function asText(v: unknown, ctx: Context): string | null {
  if (isNullish(v)) return null;
  const s = String(v);
  return ctx.caseInsensitive ? s.toLowerCase() : s;
}

function evaluate(node: FilterNode, ctx: Context): unknown {
  switch (node.kind) {
    case "literal":
      return node.value;
    case "property":
      return evalProperty(node, ctx);
    case "logical":
      return node.op === "and"
        ? evaluate(node.left, ctx) === true && evaluate(node.right, ctx) === true
        : evaluate(node.left, ctx) === true || evaluate(node.right, ctx) === true;
    case "not":
      return evaluate(node.operand, ctx) !== true;
    case "comparison": {
      const a = evaluate(node.left, ctx);
      const b = evaluate(node.right, ctx);
      const kind = comparisonKind(node.left, node.right);
      if (node.op === "eq") return valuesEqual(a, b, kind, ctx.caseInsensitive);
      if (node.op === "ne") return !valuesEqual(a, b, kind, ctx.caseInsensitive);
      if (isNullish(a) || isNullish(b)) return false;
      const c = compareScalars(a, b, kind, ctx.caseInsensitive);
      if (c === undefined) return false;
      switch (node.op) {
        case "gt": return c > 0;
        case "ge": return c >= 0;
        case "lt": return c < 0;
        case "le": return c <= 0;
      }
      return false;
    }
    case "in": {
      const a = evaluate(node.left, ctx);
      return node.list.some((item) => valuesEqual(a, item.value, comparisonKind(node.left, item), ctx.caseInsensitive));
    }
    case "call": {
      switch (node.name) {
        case "tolower":
        case "toupper": {
          const v = evaluate(node.args[0]!, ctx);
          if (isNullish(v)) return null;
          return node.name === "tolower" ? String(v).toLowerCase() : String(v).toUpperCase();
        }
        case "startswith":
        case "endswith":
        case "contains": {
          const s = asText(evaluate(node.args[0]!, ctx), ctx);
          const t = asText(evaluate(node.args[1]!, ctx), ctx);
          if (s === null || t === null) return false;
          return node.name === "startswith" ? s.startsWith(t) : node.name === "endswith" ? s.endsWith(t) : s.includes(t);
        }
        case "isof": {
          const wanted = evaluate(node.args[0]!, ctx);
          if (typeof wanted !== "string") return false;
          const actual = bareTypeName(ctx.root["@odata.type"]) ?? ctx.type.name;
          return isInstanceOf(actual, bareTypeName(wanted) ?? wanted, ctx.type);
        }
      }
      return false;
    }
    case "lambda": {
      const coll = evalProperty(node.collection, ctx);
      const items = Array.isArray(coll) ? coll : [];
      if (node.variable === null || node.body === null) return items.length > 0;
      const variable = node.variable;
      const body = node.body;
      const previous = ctx.vars.has(variable) ? { v: ctx.vars.get(variable) } : undefined;
      try {
        const test = (item: unknown) => {
          ctx.vars.set(variable, item);
          return evaluate(body, ctx) === true;
        };
        return node.op === "any" ? items.some(test) : items.every(test);
      } finally {
        if (previous) ctx.vars.set(variable, previous.v);
        else ctx.vars.delete(variable);
      }
    }
  }
}

/**
 * Does a Graph-shaped entity satisfy a (validated) filter? Strings compare case-insensitively unless
 * `type.caseInsensitive === false`; `eq null` matches null and missing properties; ordering against null is false.
 */
export function matchesFilter(node: FilterNode, entity: Record<string, unknown>, type: EntityTypeInfo): boolean {
  const ctx: Context = { root: entity, type, caseInsensitive: type.caseInsensitive !== false, vars: new Map() };
  return evaluate(node, ctx) === true;
}
