import type { FilterNode, LiteralNode } from "./filter-ast";

function formatLiteral(lit: LiteralNode): string {
  switch (lit.type) {
    case "string": return `'${String(lit.value).replaceAll("'", "''")}'`;
    case "null": return "null";
    default: return String(lit.value);
  }
}

/** Operator binding strength, loosest first, matching the parser. */
function strength(node: FilterNode): number {
  switch (node.kind) {
    case "logical": return node.op === "or" ? 1 : 2;
    case "comparison":
    case "in": return 3;
    case "not": return 4;
    default: return 5;
  }
}

function wrap(node: FilterNode, min: number): string {
  const text = formatFilter(node);
  return strength(node) < min ? `(${text})` : text;
}

/** Write a filter AST back as $filter text (parenthesised only where precedence needs it). */
export function formatFilter(node: FilterNode): string {
  switch (node.kind) {
    case "literal":
      return formatLiteral(node);
    case "property":
      return [...(node.scope === null ? [] : [node.scope]), ...node.path].join("/");
    case "logical": {
      const s = strength(node);
      // Left-associative: the right operand needs parentheses at equal strength.
      return `${wrap(node.left, s)} ${node.op} ${wrap(node.right, s + 1)}`;
    }
    case "comparison":
      return `${wrap(node.left, 4)} ${node.op} ${wrap(node.right, 4)}`;
    case "in":
      return `${wrap(node.left, 4)} in (${node.list.map(formatLiteral).join(",")})`;
    case "not":
      return `not ${wrap(node.operand, 4)}`;
    case "call":
      return `${node.name}(${node.args.map(formatFilter).join(",")})`;
    case "lambda": {
      const coll = formatFilter(node.collection);
      if (node.variable === null || node.body === null) return `${coll}/${node.op}()`;
      return `${coll}/${node.op}(${node.variable}:${formatFilter(node.body)})`;
    }
  }
}
