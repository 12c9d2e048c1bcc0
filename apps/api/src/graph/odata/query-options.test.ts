import { describe, expect, it } from "vitest";
import { ODataError } from "./errors";
import { formatFilter } from "./filter-format";
import { parseODataQuery } from "./query-options";
import { deviceConfigurationType, userType } from "./test-fixtures";

function errorOf(fn: () => unknown): ODataError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ODataError) return e;
    throw e;
  }
  throw new Error("expected an ODataError");
}
const parse = (query: Record<string, unknown>, maxTop?: number) =>
  parseODataQuery(query, userType, maxTop === undefined ? undefined : { maxTop });

describe("parseODataQuery: option names", () => {
  it("reads every option with the $ prefix", () => {
    const q = parse({
      $filter: "accountEnabled eq true", $select: "id,displayName", $orderby: "displayName desc", $top: "5", $skip: "10",
      $count: "true", $expand: "memberOf", $search: '"displayName:adele"',
    });
    expect(q.filter && formatFilter(q.filter)).toBe("accountEnabled eq true");
    expect(q.select).toEqual(["id", "displayName"]);
    expect(q.orderby).toEqual([{ property: "displayName", direction: "desc" }]);
    expect(q.top).toBe(5);
    expect(q.skip).toBe(10);
    expect(q.count).toBe(true);
    expect(q.expand).toEqual([{ property: "memberOf" }]);
    expect(q.search).toBe('"displayName:adele"');
  });

  it("the $ prefix is optional (filter= is $filter=) and names are case-insensitive", () => {
    const q = parse({ filter: "accountEnabled eq false", top: "3", $Select: "displayName", COUNT: "false" });
    expect(q.filter && formatFilter(q.filter)).toBe("accountEnabled eq false");
    expect(q.top).toBe(3);
    expect(q.select).toEqual(["displayName"]);
    expect(q.count).toBe(false);
  });

  it("an empty query gives an empty result, and non-OData parameters are ignored", () => {
    const q = parse({ "api-version": "2022-06-13", tenant: "x" });
    expect(q.filter).toBeUndefined();
    expect(q.top).toBeUndefined();
    expect(q.raw).toEqual({});
  });

  it("rejects an unknown $ option by name", () => {
    const err = errorOf(() => parse({ $foo: "1" }));
    expect(err.message).toBe("Query option '$foo' is not supported.");
    expect(err.target).toBe("$foo");
    expect(errorOf(() => parse({ $skiptoken: "abc" })).message).toBe("Query option '$skiptoken' is not supported.");
  });

  it("rejects an option given twice, either as a repeated key or with and without $", () => {
    expect(errorOf(() => parse({ $top: ["1", "2"] })).message).toBe(
      "Query option '$top' was specified more than once, but it must be specified at most once.",
    );
    expect(errorOf(() => parse({ $filter: "accountEnabled", filter: "accountEnabled" })).message).toMatch(/'\$filter' was specified more than once/);
  });

  it("keeps the raw text of each option for nextLink", () => {
    const q = parse({ filter: "startswith(displayName,'A')", $top: "2", $orderby: "displayName" });
    expect(q.raw).toEqual({ filter: "startswith(displayName,'A')", top: "2", orderby: "displayName" });
  });
});

describe("parseODataQuery: $top, $skip, $count, $format", () => {
  it.each(["0", "-1", "abc", "1.5", "1000", ""])("$top=%s is rejected with the allowed range", (value) => {
    const err = errorOf(() => parse({ $top: value }));
    expect(err.message).toBe(`Invalid $top value '${value}': must be an integer between 1 and 999.`);
    expect(err.target).toBe("$top");
  });

  it("$top accepts 1 and the maximum, and the maximum is configurable", () => {
    expect(parse({ $top: "1" }).top).toBe(1);
    expect(parse({ $top: "999" }).top).toBe(999);
    expect(parse({ $top: "50" }, 50).top).toBe(50);
    expect(errorOf(() => parse({ $top: "51" }, 50)).message).toBe("Invalid $top value '51': must be an integer between 1 and 50.");
  });

  it("$skip takes 0 or more", () => {
    expect(parse({ $skip: "0" }).skip).toBe(0);
    expect(errorOf(() => parse({ $skip: "-5" })).message).toBe("Invalid $skip value '-5': must be an integer of 0 or more.");
    expect(errorOf(() => parse({ $skip: "x" })).target).toBe("$skip");
  });

  it("$count takes true or false only", () => {
    expect(parse({ $count: "TRUE" }).count).toBe(true);
    expect(errorOf(() => parse({ $count: "yes" })).message).toBe("Invalid $count value 'yes': must be true or false.");
  });

  it("$format accepts json only", () => {
    expect(() => parse({ $format: "application/json" })).not.toThrow();
    expect(errorOf(() => parse({ $format: "xml" })).message).toMatch(/Invalid \$format value 'xml'/);
  });
});

describe("parseODataQuery: $filter", () => {
  it("passes filter errors through, with the option as target", () => {
    const err = errorOf(() => parse({ $filter: "displayName eq" }));
    expect(err.message).toBe("Invalid filter clause: syntax error at position 14 in 'displayName eq'.");
    expect(err.target).toBe("$filter");
    expect(errorOf(() => parse({ $filter: "foo eq 1" })).message).toBe("Could not find a property named 'foo' on type 'microsoft.graph.user'.");
  });

  it("an empty $filter is a syntax error at position 0", () => {
    expect(errorOf(() => parse({ $filter: "" })).message).toBe("Invalid filter clause: syntax error at position 0 in ''.");
  });
});

describe("parseODataQuery: $select", () => {
  it("answers declared names, de-duplicated; * means everything", () => {
    expect(parse({ $select: " displayname , id,displayName" }).select).toEqual(["displayName", "id"]);
    expect(parse({ $select: "*" }).select).toBeUndefined();
  });

  it("rejects an unknown property by name and an empty item", () => {
    const err = errorOf(() => parse({ $select: "id,foo" }));
    expect(err.message).toBe("Could not find a property named 'foo' on type 'microsoft.graph.user'.");
    expect(err.target).toBe("$select");
    expect(errorOf(() => parse({ $select: "id,,displayName" })).message).toMatch(/^Invalid \$select value 'id,,displayName'/);
  });
});

describe("parseODataQuery: $orderby", () => {
  it("reads a list with directions in any case; asc is the default", () => {
    expect(parse({ $orderby: "userType DESC, displayName,createdDateTime asc" }).orderby).toEqual([
      { property: "userType", direction: "desc" },
      { property: "displayName", direction: "asc" },
      { property: "createdDateTime", direction: "asc" },
    ]);
  });

  it("sorts on a scalar inside a complex property", () => {
    expect(parse({ $orderby: "employeeOrgData/division" }).orderby).toEqual([{ property: "employeeOrgData/division", direction: "asc" }]);
  });

  it("rejects collections, unknown names, bad directions and duplicates", () => {
    expect(errorOf(() => parse({ $orderby: "assignedLicenses" })).message).toBe(
      "Invalid $orderby value 'assignedLicenses': 'assignedLicenses' is not a single-valued property and cannot be sorted.",
    );
    expect(errorOf(() => parse({ $orderby: "nope desc" })).message).toBe("Could not find a property named 'nope' on type 'microsoft.graph.user'.");
    expect(errorOf(() => parse({ $orderby: "displayName up" })).message).toMatch(/expected 'asc' or 'desc' after 'displayName', found 'up'/);
    expect(errorOf(() => parse({ $orderby: "displayName,displayName desc" })).message).toMatch(/'displayName' appears more than once/);
    expect(errorOf(() => parse({ $orderby: "displayName asc extra" })).target).toBe("$orderby");
  });
});

describe("parseODataQuery: $expand and $search", () => {
  it("reads a plain navigation, a nested $select and several items", () => {
    const q = parseODataQuery({ $expand: "assignments($select=id,target),rootCertificate" }, deviceConfigurationType);
    expect(q.expand).toEqual([{ property: "assignments", select: ["id", "target"] }, { property: "rootCertificate" }]);
    expect(parse({ expand: "manager(select=id)" }).expand).toEqual([{ property: "manager", select: ["id"] }]);
  });

  it("leaves expand names for the caller to validate, including casts", () => {
    expect(parse({ $expand: "microsoft.graph.iosScepCertificateProfile/rootCertificate" }).expand).toEqual([
      { property: "microsoft.graph.iosScepCertificateProfile/rootCertificate" },
    ]);
  });

  it("rejects unbalanced parentheses and nested options other than $select", () => {
    expect(errorOf(() => parse({ $expand: "assignments($select=id" })).message).toMatch(/^Invalid \$expand value/);
    expect(errorOf(() => parse({ $expand: "assignments($filter=id eq '1')" })).message).toBe(
      "Query option '$filter' is not supported inside $expand; only $select is.",
    );
    expect(errorOf(() => parse({ $expand: "" })).target).toBe("$expand");
  });

  it("keeps $search raw", () => {
    expect(parse({ search: '"displayName:a b" OR "mail:c"' }).search).toBe('"displayName:a b" OR "mail:c"');
  });
});
