import { describe, expect, it } from "vitest";
import { ODataError } from "./errors";
import type { FilterNode } from "./filter-ast";
import { formatFilter } from "./filter-format";
import { parseFilter, parseFilterSyntax } from "./filter-parser";
import { applicationType, deviceConfigurationType, groupType, userType } from "./test-fixtures";

/** Fully parenthesised rendering, so tests can see the tree's shape. */
function shape(node: FilterNode): string {
  switch (node.kind) {
    case "literal": return node.type === "string" ? `'${node.value}'` : String(node.value);
    case "property": return [node.scope, ...node.path].filter((s) => s !== null).join("/");
    case "logical": return `(${shape(node.left)} ${node.op} ${shape(node.right)})`;
    case "comparison": return `(${shape(node.left)} ${node.op} ${shape(node.right)})`;
    case "in": return `(${shape(node.left)} in [${node.list.map(shape).join(",")}])`;
    case "not": return `(not ${shape(node.operand)})`;
    case "call": return `${node.name}(${node.args.map(shape).join(",")})`;
    case "lambda": return `${shape(node.collection)}/${node.op}(${node.variable ?? ""}${node.body ? `:${shape(node.body)}` : ""})`;
  }
}

const syntax = (text: string) => shape(parseFilterSyntax(text));

function errorOf(fn: () => unknown): ODataError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ODataError) return e;
    throw e;
  }
  throw new Error("expected an ODataError");
}

describe("filter parser: structure and precedence", () => {
  it("and binds tighter than or", () => {
    expect(syntax("a eq 1 or b eq 2 and c eq 3")).toBe("((a eq 1) or ((b eq 2) and (c eq 3)))");
    expect(syntax("a eq 1 and b eq 2 or c eq 3")).toBe("(((a eq 1) and (b eq 2)) or (c eq 3))");
  });

  it("parentheses override precedence", () => {
    expect(syntax("(a eq 1 or b eq 2) and c eq 3")).toBe("(((a eq 1) or (b eq 2)) and (c eq 3))");
  });

  it("and / or are left-associative", () => {
    expect(syntax("a eq 1 or b eq 2 or c eq 3")).toBe("(((a eq 1) or (b eq 2)) or (c eq 3))");
  });

  it("not binds tighter than a comparison, and applies to a parenthesised group or a function", () => {
    expect(syntax("not accountEnabled eq true")).toBe("((not accountEnabled) eq true)");
    expect(syntax("not (a eq 1) and b eq 2")).toBe("((not (a eq 1)) and (b eq 2))");
    expect(syntax("not startswith(displayName,'A')")).toBe("(not startswith(displayName,'A'))");
  });

  it("reads every comparison operator and in-lists", () => {
    for (const op of ["eq", "ne", "gt", "ge", "lt", "le"]) expect(syntax(`version ${op} 2`)).toBe(`(version ${op} 2)`);
    expect(syntax("id in ('a', 'b','c')")).toBe("(id in ['a','b','c'])");
  });

  it("reads literals of every kind", () => {
    const node = parseFilterSyntax("x in ('it''s', 12, 1.5, true, false, null, 2026-01-01T00:00:00Z, 061f9ace-7d42-4136-88ac-31dc755f143f)");
    expect(node.kind).toBe("in");
    if (node.kind !== "in") return;
    expect(node.list.map((l) => [l.type, l.value])).toEqual([
      ["string", "it's"], ["number", 12], ["number", 1.5], ["boolean", true], ["boolean", false], ["null", null],
      ["datetime", "2026-01-01T00:00:00Z"], ["guid", "061f9ace-7d42-4136-88ac-31dc755f143f"],
    ]);
  });

  it("reads property paths and lambdas, binding the lambda variable as a scope", () => {
    expect(syntax("onPremisesPublishing/externalUrl eq 'x'")).toBe("(onPremisesPublishing/externalUrl eq 'x')");
    const lambda = parseFilterSyntax("assignedLicenses/any(x:x/skuId eq 061f9ace-7d42-4136-88ac-31dc755f143f)");
    expect(lambda).toMatchObject({
      kind: "lambda", op: "any", variable: "x", collection: { path: ["assignedLicenses"], scope: null },
      body: { kind: "comparison", left: { kind: "property", scope: "x", path: ["skuId"] } },
    });
    expect(syntax("groupTypes/all(c: c ne 'Unified')")).toBe("groupTypes/all(c:(c ne 'Unified'))");
    expect(syntax("groupTypes/any()")).toBe("groupTypes/any()");
  });

  it("keeps the variable out of scope after its lambda closes", () => {
    const node = parseFilterSyntax("a/any(x: x eq 1) and x eq 2");
    expect(node).toMatchObject({ kind: "logical", right: { left: { kind: "property", scope: null, path: ["x"] } } });
  });

  it("reads function names case-insensitively", () => {
    expect(syntax("StartsWith(displayName,'a')")).toBe("startswith(displayName,'a')");
  });
});

describe("filter parser: syntax errors carry the position", () => {
  const cases: [string, number][] = [
    ["displayName eq", 14],
    ["displayName eq 'a' and", 22],
    ["(displayName eq 'a'", 19],
    ["displayName eq 'a')", 18],
    ["displayName 'a'", 12],
    ["displayName eq 'a' eq 'b'", 19],
    ["id in ()", 7],
    ["id in 'a'", 6],
    ["groupTypes/all()", 15],
    ["startswith(displayName 'a')", 23],
    ["a/any(x x eq 1)", 8],
  ];
  it.each(cases)("%s → position %i", (text, position) => {
    const err = errorOf(() => parseFilterSyntax(text));
    expect(err.message).toBe(`Invalid filter clause: syntax error at position ${position} in '${text}'.`);
    expect(err.position).toBe(position);
  });
});

describe("filter validation against the entity type", () => {
  it("a filter on a missing property answers a Graph-style message naming it and the type", () => {
    const err = errorOf(() => parseFilter("foo eq 'x'", userType));
    expect(err.message).toBe("Could not find a property named 'foo' on type 'microsoft.graph.user'.");
    expect(err.target).toBe("$filter");
  });

  it("unknown names inside a path or a lambda name the nested type", () => {
    expect(errorOf(() => parseFilter("onPremisesPublishing/nope eq 'x'", applicationType)).message).toBe(
      "Could not find a property named 'nope' on type 'microsoft.graph.onPremisesPublishing'.",
    );
    expect(errorOf(() => parseFilter("assignedLicenses/any(x:x/sku eq 1)", userType)).message).toBe(
      "Could not find a property named 'sku' on type 'microsoft.graph.assignedLicense'.",
    );
  });

  it("accepts property names in any case and answers them in their declared case", () => {
    const node = parseFilter("DISPLAYNAME eq 'a'", userType);
    expect(formatFilter(node)).toBe("displayName eq 'a'");
  });

  it("refuses @odata.type, pointing at isof", () => {
    expect(errorOf(() => parseFilter("@odata.type eq '#microsoft.graph.iosScepCertificateProfile'", deviceConfigurationType)).message)
      .toMatch(/use isof\('microsoft\.graph\.typeName'\)/);
  });

  it("rejects comparing a string property with a number and a boolean property with a string", () => {
    expect(errorOf(() => parseFilter("displayName eq 5", userType)).message).toBe(
      "Invalid filter clause: cannot compare 'displayName' (Edm.String) with 5 (Edm.Double) using 'eq'.",
    );
    expect(errorOf(() => parseFilter("accountEnabled eq 'yes'", userType)).message).toMatch(/cannot compare 'accountEnabled'/);
  });

  it("rejects a bare non-boolean property as the whole filter, and not/and over text", () => {
    expect(errorOf(() => parseFilter("displayName", userType)).message).toBe(
      "Invalid filter clause: '$filter' needs a true/false condition, but 'displayName' is Edm.String.",
    );
    expect(errorOf(() => parseFilter("not displayName eq 'a'", userType)).message).toMatch(/'not' needs a true\/false condition/);
    expect(errorOf(() => parseFilter("accountEnabled and mail", userType)).message).toMatch(/'and' needs a true\/false condition, but 'mail'/);
  });

  it("accepts a bare boolean property and not over it", () => {
    expect(() => parseFilter("accountEnabled", userType)).not.toThrow();
    expect(() => parseFilter("not accountEnabled", userType)).not.toThrow();
  });

  it("rejects property access through a collection without a lambda", () => {
    expect(errorOf(() => parseFilter("assignedLicenses/skuId eq 061f9ace-7d42-4136-88ac-31dc755f143f", userType)).message)
      .toMatch(/is not a single value.*assignedLicenses\/any/);
  });

  it("rejects any() on a property that is not a collection", () => {
    expect(errorOf(() => parseFilter("displayName/any(x: x eq 'a')", userType)).message).toMatch(/any\(\) needs a collection/);
  });

  it("rejects a path into a primitive lambda variable", () => {
    expect(errorOf(() => parseFilter("groupTypes/any(c: c/name eq 'Unified')", { ...groupType, elementKinds: { groupTypes: "string" } })).message)
      .toMatch(/'c' is a single value and has no property 'name'/);
  });

  it("rejects comparing a collection with anything but null, and ordering operators on booleans", () => {
    expect(errorOf(() => parseFilter("assignedLicenses eq 'x'", userType)).message).toMatch(/can only be compared with null/);
    expect(() => parseFilter("employeeOrgData eq null", userType)).not.toThrow();
    expect(errorOf(() => parseFilter("accountEnabled gt false", userType)).message).toMatch(/operator 'gt' cannot be applied to 'accountEnabled'/);
  });

  it("rejects unknown functions and wrong argument counts", () => {
    expect(errorOf(() => parseFilter("length(displayName) eq 3", userType)).message).toMatch(/unknown function 'length' at position 0/);
    expect(errorOf(() => parseFilter("startswith(displayName)", userType)).message).toBe(
      "Invalid filter clause: function 'startswith' takes 2 arguments but was given 1.",
    );
    expect(errorOf(() => parseFilter("contains(accountEnabled,'t')", userType)).message).toMatch(/needs text, but 'accountEnabled' is Edm.Boolean/);
  });

  it("rejects isof with a property argument and a type name that is not qualified", () => {
    expect(errorOf(() => parseFilter("isof(displayName,'microsoft.graph.user')", userType)).message).toMatch(/isof with a property argument is not supported/);
    expect(errorOf(() => parseFilter("isof('user')", userType)).message).toMatch(/qualified type name/);
  });

  it("rejects an in-list whose items do not fit the property", () => {
    expect(errorOf(() => parseFilter("displayName in ('a', 3)", userType)).message).toMatch(/using 'in'/);
  });

  it("refuses nesting deeper than MAX_FILTER_DEPTH with an ODataError (not a stack overflow), and accepts it up to the limit", () => {
    const nested = (n: number) => `${"(".repeat(n)}displayName eq 'a'${")".repeat(n)}`;
    expect(errorOf(() => parseFilterSyntax(nested(5000))).message).toMatch(/nests deeper than 1500/);
    expect(errorOf(() => parseFilterSyntax(`${"not ".repeat(5000)}true`)).message).toMatch(/nests deeper than 1500/);
    expect(shape(parseFilterSyntax(nested(1500)))).toBe("(displayName eq 'a')");
  });
});
