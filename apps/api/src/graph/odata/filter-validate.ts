import { filterSemanticError, ODataError, unknownPropertyError } from "./errors";
import type { CallNode, FilterNode, LiteralNode, PropertyNode } from "./filter-ast";
import { edmName, resolvePropertyName } from "./entity-type";
import type { EntityTypeInfo, PropKind } from "./types";

/** What a path segment is evaluated against. */
type Scope =
  | { mode: "typed"; type: EntityTypeInfo }
  | { mode: "primitive"; kind: PropKind | undefined }
  | { mode: "unknown" };

/** Static type of an expression; "unknown" = only known at run time. */
type ExprType = PropKind | "null" | "unknown";

const TEXTUAL: ReadonlySet<ExprType> = new Set(["string", "enum", "flags", "guid", "datetime"]);
const ORDERABLE: ReadonlySet<ExprType> = new Set(["string", "number", "datetime", "guid", "null", "unknown"]);
const QUALIFIED_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

function literalType(lit: LiteralNode): ExprType {
  switch (lit.type) {
    case "string": return "string";
    case "number": return "number";
    case "boolean": return "boolean";
    case "null": return "null";
    case "guid": return "guid";
    case "datetime": return "datetime";
  }
}

function category(t: ExprType): string {
  return TEXTUAL.has(t) ? "text" : t;
}

function compatible(a: ExprType, b: ExprType): boolean {
  if (a === "unknown" || b === "unknown" || a === "null" || b === "null") return true;
  return category(a) === category(b);
}

function describe(node: FilterNode): string {
  if (node.kind === "property") return `'${[node.scope, ...node.path].filter((s) => s !== null).join("/")}'`;
  if (node.kind === "literal") return node.type === "string" ? `'${String(node.value)}'` : String(node.value);
  if (node.kind === "call") return `${node.name}(...)`;
  return "the expression";
}

class Validator {
  private readonly env = new Map<string, Scope>();

  constructor(private readonly root: EntityTypeInfo) {}

  /** Returns a copy of `node` with property names in their declared case and kinds filled in. */
  check(node: FilterNode): { node: FilterNode; type: ExprType } {
    switch (node.kind) {
      case "literal":
        return { node: { ...node }, type: literalType(node) };
      case "property": {
        const r = this.resolve(node);
        return { node: r.node, type: r.node.propKind ?? "unknown" };
      }
      case "logical": {
        const left = this.checkBoolean(node.left, node.op);
        const right = this.checkBoolean(node.right, node.op);
        return { node: { ...node, left, right }, type: "boolean" };
      }
      case "not":
        return { node: { ...node, operand: this.checkBoolean(node.operand, "not") }, type: "boolean" };
      case "comparison": {
        const left = this.check(node.left);
        const right = this.check(node.right);
        for (const side of [left, right]) {
          if ((side.type === "collection" || side.type === "complex") && !(node.op === "eq" || node.op === "ne")) {
            throw filterSemanticError(`operator '${node.op}' cannot be applied to ${describe(side.node)}, which is ${edmName(side.type)}.`, node.pos);
          }
        }
        const structured = [left, right].find((s) => s.type === "collection" || s.type === "complex");
        if (structured) {
          const other = structured === left ? right : left;
          if (other.type !== "null") {
            throw filterSemanticError(`${describe(structured.node)} is ${edmName(structured.type)}; it can only be compared with null (use any()/all() to test its items).`, node.pos);
          }
        }
        if (!compatible(left.type, right.type)) {
          throw filterSemanticError(
            `cannot compare ${describe(left.node)} (${edmName(left.type)}) with ${describe(right.node)} (${edmName(right.type)}) using '${node.op}'.`,
            node.pos,
          );
        }
        if (node.op !== "eq" && node.op !== "ne") {
          for (const side of [left, right]) {
            if (!ORDERABLE.has(side.type)) {
              throw filterSemanticError(`operator '${node.op}' cannot be applied to ${describe(side.node)}, which is ${edmName(side.type)}.`, node.pos);
            }
          }
        }
        return { node: { ...node, left: left.node, right: right.node }, type: "boolean" };
      }
      case "in": {
        const left = this.check(node.left);
        if (left.type === "collection" || left.type === "complex") {
          throw filterSemanticError(`'in' cannot be applied to ${describe(left.node)}, which is ${edmName(left.type)}.`, node.pos);
        }
        for (const item of node.list) {
          const t = literalType(item);
          if (!compatible(left.type, t)) {
            throw filterSemanticError(`cannot compare ${describe(left.node)} (${edmName(left.type)}) with ${describe(item)} (${edmName(t)}) using 'in'.`, item.pos);
          }
        }
        return { node: { ...node, left: left.node, list: node.list.map((l) => ({ ...l })) }, type: "boolean" };
      }
      case "call":
        return this.checkCall(node);
      case "lambda": {
        const coll = this.resolve(node.collection);
        if (coll.node.propKind !== undefined && coll.node.propKind !== "collection") {
          throw filterSemanticError(`${node.op}() needs a collection, but ${describe(coll.node)} is ${edmName(coll.node.propKind)}.`, node.pos);
        }
        if (node.variable === null || node.body === null) {
          return { node: { ...node, collection: coll.node }, type: "boolean" };
        }
        const previous = this.env.get(node.variable);
        this.env.set(node.variable, coll.element);
        try {
          const body = this.checkBoolean(node.body, node.op);
          return { node: { ...node, collection: coll.node, body }, type: "boolean" };
        } finally {
          if (previous) this.env.set(node.variable, previous);
          else this.env.delete(node.variable);
        }
      }
    }
  }

  checkBoolean(node: FilterNode, where: string): FilterNode {
    const r = this.check(node);
    if (r.type !== "boolean" && r.type !== "unknown") {
      throw filterSemanticError(`'${where}' needs a true/false condition, but ${describe(r.node)} is ${edmName(r.type)}.`, node.pos);
    }
    return r.node;
  }

  private checkCall(node: CallNode): { node: FilterNode; type: ExprType } {
    const arity = (n: number) => {
      if (node.args.length !== n) {
        throw filterSemanticError(`function '${node.name}' takes ${n} argument${n === 1 ? "" : "s"} but was given ${node.args.length}.`, node.pos);
      }
    };
    const textArg = (arg: FilterNode): FilterNode => {
      const r = this.check(arg);
      if (!(r.type === "string" || r.type === "unknown" || r.type === "null" || r.type === "enum" || r.type === "guid")) {
        throw filterSemanticError(`function '${node.name}' needs text, but ${describe(r.node)} is ${edmName(r.type)}.`, arg.pos);
      }
      return r.node;
    };
    switch (node.name) {
      case "startswith":
      case "endswith":
      case "contains":
        arity(2);
        return { node: { ...node, args: node.args.map(textArg) }, type: "boolean" };
      case "tolower":
      case "toupper":
        arity(1);
        return { node: { ...node, args: node.args.map(textArg) }, type: "string" };
      case "isof": {
        if (node.args.length === 2) {
          throw new ODataError("Invalid filter clause: isof with a property argument is not supported; use isof('microsoft.graph.typeName').", "$filter", node.pos);
        }
        arity(1);
        const arg = node.args[0]!;
        let typeName: string | undefined;
        if (arg.kind === "literal" && arg.type === "string") typeName = String(arg.value);
        else if (arg.kind === "property" && arg.scope === null && arg.path.length === 1) typeName = arg.path[0];
        if (typeName === undefined || !QUALIFIED_NAME.test(typeName)) {
          throw filterSemanticError(`isof needs a qualified type name such as 'microsoft.graph.user'.`, arg.pos);
        }
        return { node: { ...node, args: [{ kind: "literal", type: "string", value: typeName, pos: arg.pos }] }, type: "boolean" };
      }
    }
  }

  /** Resolve a path to declared names; also returns the scope of one element when it names a collection. */
  private resolve(node: PropertyNode): { node: PropertyNode; element: Scope } {
    let scope: Scope;
    if (node.scope === null) scope = { mode: "typed", type: this.root };
    else scope = this.env.get(node.scope) ?? { mode: "unknown" };

    if (node.path.length === 0) {
      const kind: PropKind | undefined = scope.mode === "primitive" ? scope.kind : scope.mode === "typed" ? "complex" : undefined;
      return { node: { ...node, path: [], propKind: kind }, element: { mode: "unknown" } };
    }

    const path: string[] = [];
    let kind: PropKind | undefined;
    let element: Scope = { mode: "unknown" };
    node.path.forEach((seg, i) => {
      const last = i === node.path.length - 1;
      if (scope.mode === "primitive") {
        throw filterSemanticError(`'${node.scope}' is a single value and has no property '${seg}'.`, node.pos);
      }
      if (scope.mode === "unknown") {
        path.push(seg);
        kind = undefined;
        return;
      }
      const type = scope.type;
      if (seg === "@odata.type") {
        throw filterSemanticError(`'@odata.type' cannot be filtered directly; use isof('microsoft.graph.typeName').`, node.pos);
      }
      const name = resolvePropertyName(type, seg);
      if (name === undefined) throw unknownPropertyError(seg, type.name, "$filter");
      const k = type.properties[name]!;
      path.push(name);
      kind = k;
      if (last) {
        if (k === "collection") {
          const nested = type.nested?.[name];
          const elem = type.elementKinds?.[name];
          element = nested ? { mode: "typed", type: nested } : elem ? { mode: "primitive", kind: elem } : { mode: "unknown" };
        }
        return;
      }
      if (k === "complex") {
        const nested = type.nested?.[name];
        scope = nested ? { mode: "typed", type: nested } : { mode: "unknown" };
      } else if (k === "collection") {
        throw filterSemanticError(
          `the parent value for a property access of a property '${node.path[i + 1]}' is not a single value. Property access can only be applied to a single value; use ${name}/any(x: x/${node.path[i + 1]} ...).`,
          node.pos,
        );
      } else {
        throw filterSemanticError(`property '${name}' is ${edmName(k)} and has no property '${node.path[i + 1]}'.`, node.pos);
      }
    });
    return { node: { ...node, path, propKind: kind }, element };
  }
}

/**
 * Check a syntax tree against an entity type: every property exists (unknown names are rejected with Graph's
 * "Could not find a property named ..." message), operands have compatible types, the whole is a condition.
 */
export function validateFilter(node: FilterNode, type: EntityTypeInfo): FilterNode {
  return new Validator(type).checkBoolean(node, "$filter");
}
