import { describe, expect, it } from "vitest";
import { applyODataQuery } from "./apply";
import { parseODataQuery } from "./query-options";
import { deviceConfigurations, deviceConfigurationType, ids, users, userType } from "./test-fixtures";
import type { EntityTypeInfo, ODataQuery } from "./types";

const BASE = "http://localhost:3000/graph/beta/users";

function many(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({ id: `id${String(i).padStart(3, "0")}`, displayName: `User ${i}`, accountEnabled: i % 2 === 0 }));
}
const smallType: EntityTypeInfo = { name: "microsoft.graph.user", properties: { id: "string", displayName: "string", accountEnabled: "boolean" } };

function query(q: Record<string, unknown>, type: EntityTypeInfo = userType, pageSize?: number, items = users) {
  return applyODataQuery(items, parseODataQuery(q, type), type, { baseUrl: BASE, ...(pageSize ? { pageSize } : {}) });
}

/** Parse the query part of a nextLink into decoded options. */
function linkOptions(link: string): Record<string, string> {
  return Object.fromEntries(new URL(link).searchParams.entries());
}

describe("applyODataQuery: filter, count, select", () => {
  it("filters and counts the matches before paging", () => {
    const r = query({ $filter: "accountEnabled eq true", $count: "true", $top: "2" });
    expect(ids(r.value)).toEqual(["u1", "u3"]);
    expect(r.count).toBe(3);
  });

  it("gives no count unless $count=true", () => {
    expect(query({}).count).toBeUndefined();
    expect(query({ $count: "false" }).count).toBeUndefined();
  });

  it("select keeps id and @odata.type on each item", () => {
    const r = applyODataQuery(deviceConfigurations, parseODataQuery({ $select: "displayName" }, deviceConfigurationType), deviceConfigurationType, { baseUrl: BASE });
    expect(r.value[1]).toEqual({
      "@odata.type": "#microsoft.graph.iosScepCertificateProfile",
      id: "0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0002",
      displayName: "iOS SCEP",
    });
  });

  it("expanded properties survive $select", () => {
    const items = [{ id: "p1", displayName: "x", version: 1, assignments: [{ id: "a" }] }];
    const q = parseODataQuery({ $select: "displayName", $expand: "assignments" }, deviceConfigurationType);
    expect(applyODataQuery(items, q, deviceConfigurationType, { baseUrl: BASE }).value).toEqual([
      { id: "p1", displayName: "x", assignments: [{ id: "a" }] },
    ]);
  });

  it("does not modify the items it was given", () => {
    const items = many(3);
    const before = JSON.stringify(items);
    query({ $select: "displayName", $orderby: "displayName desc" }, smallType, undefined, items);
    expect(JSON.stringify(items)).toBe(before);
  });
});

describe("applyODataQuery: orderby", () => {
  it("sorts strings case-insensitively on directory objects", () => {
    expect(ids(query({ $orderby: "displayName" }).value)).toEqual(["u1", "u2", "u3", "u4"]);
    expect(ids(query({ $orderby: "displayName desc" }).value)).toEqual(["u4", "u3", "u2", "u1"]);
  });

  it("sorts strings by code unit when the type is case-sensitive (upper case first)", () => {
    const type: EntityTypeInfo = { ...smallType, caseInsensitive: false };
    const items = [{ id: "1", displayName: "beta" }, { id: "2", displayName: "Alpha" }, { id: "3", displayName: "Beta" }];
    expect(ids(query({ $orderby: "displayName" }, type, undefined, items).value)).toEqual(["2", "3", "1"]);
  });

  it("puts nulls first ascending and last descending", () => {
    expect(ids(query({ $orderby: "createdDateTime" }).value)).toEqual(["u4", "u3", "u1", "u2"]);
    expect(ids(query({ $orderby: "createdDateTime desc" }).value)).toEqual(["u2", "u1", "u3", "u4"]);
  });

  it("is stable and uses later keys to break ties", () => {
    expect(ids(query({ $orderby: "userType" }).value)).toEqual(["u3", "u1", "u2", "u4"]);
    expect(ids(query({ $orderby: "userType desc" }).value)).toEqual(["u1", "u2", "u4", "u3"]);
    expect(ids(query({ $orderby: "accountEnabled desc,displayName desc" }).value)).toEqual(["u4", "u3", "u1", "u2"]);
  });

  it("sorts numbers numerically, not as text", () => {
    const items = [{ id: "a", version: 10 }, { id: "b", version: 9 }, { id: "c", version: 100 }];
    const r = applyODataQuery(items, parseODataQuery({ $orderby: "version" }, deviceConfigurationType), deviceConfigurationType, { baseUrl: BASE });
    expect(ids(r.value)).toEqual(["b", "a", "c"]);
  });

  it("sorts on a path inside a complex property", () => {
    expect(ids(query({ $orderby: "employeeOrgData/division desc" }).value)).toEqual(["u1", "u4", "u3", "u2"]);
  });
});

describe("applyODataQuery: paging and nextLink", () => {
  it("pages at the server page size (100 by default) and links to the rest", () => {
    const r = query({}, smallType, undefined, many(250));
    expect(r.value).toHaveLength(100);
    expect(r.value[0]!.id).toBe("id000");
    expect(r.nextLink).toBe(`${BASE}?$skip=100`);
  });

  it("following nextLinks visits every item once and the last page has no link", () => {
    const items = many(250);
    const seen: unknown[] = [];
    let q: Record<string, unknown> = {};
    for (let pages = 0; pages < 10; pages++) {
      const r = query(q, smallType, undefined, items);
      seen.push(...ids(r.value));
      if (!r.nextLink) break;
      q = linkOptions(r.nextLink);
    }
    expect(seen).toEqual(ids(items));
  });

  it("$top sets the page length; the link keeps $top and advances $skip", () => {
    const r = query({ $top: "2", $skip: "1" });
    expect(ids(r.value)).toEqual(["u2", "u3"]);
    expect(linkOptions(r.nextLink!)).toEqual({ $top: "2", $skip: "3" });
  });

  it("nextLink carries the filter, select, orderby and count as sent, and advances $skip", () => {
    const r = query(
      { filter: "startswith(displayName,'User 1') or displayName eq 'it''s'", $select: "displayName", $orderby: "displayName desc", $count: "true", $top: "3" },
      smallType, undefined, many(30),
    );
    expect(r.value).toHaveLength(3);
    expect(r.count).toBe(11);
    expect(r.nextLink!.startsWith(`${BASE}?`)).toBe(true);
    expect(linkOptions(r.nextLink!)).toEqual({
      $filter: "startswith(displayName,'User 1') or displayName eq 'it''s'",
      $select: "displayName",
      $orderby: "displayName desc",
      $count: "true",
      $top: "3",
      $skip: "3",
    });
  });

  it("nextLink encodes values with encodeURIComponent (spaces as %20; quotes left as it leaves them)", () => {
    const r = query({ $filter: "accountEnabled eq true", $top: "1" }, smallType, undefined, many(4));
    expect(r.nextLink).toBe(`${BASE}?$filter=accountEnabled%20eq%20true&$top=1&$skip=1`);
    const s = query({ $filter: "displayName ne 'x'", $top: "1" }, smallType, undefined, many(4));
    expect(s.nextLink).toContain("$filter=displayName%20ne%20'x'");
  });

  it("a custom page size applies when $top is absent", () => {
    const r = query({}, smallType, 2, many(5));
    expect(ids(r.value)).toEqual(["id000", "id001"]);
    expect(linkOptions(r.nextLink!)).toEqual({ $skip: "2" });
  });

  it("no nextLink when the page reaches the end exactly, and an empty page past the end", () => {
    expect(query({ $top: "4" }).nextLink).toBeUndefined();
    const past = query({ $skip: "10", $count: "true" });
    expect(past.value).toEqual([]);
    expect(past.count).toBe(4);
    expect(past.nextLink).toBeUndefined();
  });

  it("appends to a baseUrl that already has a query string", () => {
    const r = applyODataQuery(many(3), { top: 1 }, smallType, { baseUrl: `${BASE}?api-version=1` });
    expect(r.nextLink).toBe(`${BASE}?api-version=1&$top=1&$skip=1`);
  });

  it("a hand-built query (no raw text) still produces a usable nextLink", () => {
    const q: ODataQuery = parseODataQuery({ $filter: "accountEnabled eq true" }, smallType);
    delete q.raw;
    q.top = 1;
    q.orderby = [{ property: "displayName", direction: "desc" }];
    const r = applyODataQuery(many(6), q, smallType, { baseUrl: BASE });
    expect(linkOptions(r.nextLink!)).toEqual({ $filter: "accountEnabled eq true", $orderby: "displayName desc", $top: "1", $skip: "1" });
    const next = query(linkOptions(r.nextLink!), smallType, undefined, many(6));
    expect(ids(next.value)).toEqual(["id002"]);
  });
});
