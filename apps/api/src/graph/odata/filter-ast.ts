import type { PropKind } from "./types";

/** Every node records `pos`, the 0-based offset of its first character in the $filter text. */

export type LiteralType = "string" | "number" | "boolean" | "null" | "guid" | "datetime";

export interface LiteralNode {
  kind: "literal";
  type: LiteralType;
  value: string | number | boolean | null;
  pos: number;
}

/**
 * A property path. `scope` is null for the entity itself, or the lambda variable the path starts from
 * (`x/skuId` inside `any(x: ...)` has scope "x", path ["skuId"]; a bare `c` has scope "c", path []).
 * `propKind` is filled in by validation (undefined = unknown, compared by runtime value).
 */
export interface PropertyNode {
  kind: "property";
  scope: string | null;
  path: string[];
  pos: number;
  propKind?: PropKind;
}

export type ComparisonOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

export interface ComparisonNode {
  kind: "comparison";
  op: ComparisonOp;
  left: FilterNode;
  right: FilterNode;
  pos: number;
}

export interface InNode {
  kind: "in";
  left: FilterNode;
  list: LiteralNode[];
  pos: number;
}

export interface LogicalNode {
  kind: "logical";
  op: "and" | "or";
  left: FilterNode;
  right: FilterNode;
  pos: number;
}

export interface NotNode {
  kind: "not";
  operand: FilterNode;
  pos: number;
}

export type FunctionName = "startswith" | "endswith" | "contains" | "tolower" | "toupper" | "isof";

export interface CallNode {
  kind: "call";
  name: FunctionName;
  args: FilterNode[];
  pos: number;
}

export interface LambdaNode {
  kind: "lambda";
  op: "any" | "all";
  collection: PropertyNode;
  /** null only for `any()` (no arguments: "the collection is not empty"). */
  variable: string | null;
  body: FilterNode | null;
  pos: number;
}

export type FilterNode = LiteralNode | PropertyNode | ComparisonNode | InNode | LogicalNode | NotNode | CallNode | LambdaNode;
