// The shared OData layer as a script sees it over HTTP: paging with @odata.nextLink, $count, $select, $orderby,
// $filter, the optional "$" on beta, /$count, and 400s that say what is wrong.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { bearerFor, createTestApp, DEMO, users, type TestApp } from "./harness.ts";
import { expectGraphError, GRAPH, insertUser, pathOf } from "./helpers.ts";

const BULK = 25;
let t: TestApp;
let admin: Record<string, string>;
let total: number;
const api = () => request(t.app);
const pad = (i: number) => String(i).padStart(2, "0");

beforeAll(async () => {
  t = await createTestApp();
  admin = { Authorization: `Bearer ${await bearerFor(t.app, users.admin.upn)}` };
  // Volume straight into the database (no password hashing): every 5th is disabled, departments alternate.
  for (let i = 1; i <= BULK; i++) {
    await insertUser(t.db, DEMO.contoso.tenantId, `bulk${pad(i)}@contoso.onmicrosoft.com`, {
      displayName: `Bulk User ${pad(i)}`,
      accountEnabled: i % 5 !== 0,
      department: i % 2 === 0 ? "Even" : "Odd",
    });
  }
  // Fabrikam users must never leak into Contoso's pages.
  await insertUser(t.db, DEMO.fabrikam.tenantId, "bulk99@fabrikam.onmicrosoft.com", { displayName: "Bulk User 99" });
  total = await t.db.user.count({ where: { tenantId: DEMO.contoso.tenantId } });
});
afterAll(async () => {
  await t.close();
});

type U = { id: string; displayName: string; userPrincipalName: string; accountEnabled: boolean; department: string | null };

/** Follows @odata.nextLink to the end; returns every page. */
async function allPages(first: string, query: Record<string, string> = {}): Promise<{ pages: U[][]; bodies: Record<string, unknown>[] }> {
  const pages: U[][] = [];
  const bodies: Record<string, unknown>[] = [];
  let res = await api().get(first).query(query).set(admin);
  for (let guard = 0; guard < 100; guard++) {
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    pages.push(res.body.value as U[]);
    bodies.push(res.body);
    const next = res.body["@odata.nextLink"] as string | undefined;
    if (!next) return { pages, bodies };
    expect(next).toMatch(/^https?:\/\/[^/]+\/graph\/beta\/users\?/);
    res = await api().get(pathOf(next)).set(admin);
  }
  throw new Error("nextLink never ended");
}

describe("paging", () => {
  it("$top + @odata.nextLink followed to the end yields every user exactly once", async () => {
    const { pages } = await allPages(`${GRAPH}/users`, { $top: "10" });
    expect(total).toBe(4 + BULK);
    expect(pages.map((p) => p.length)).toEqual([10, 10, total - 20]);
    const ids = pages.flat().map((u) => u.id);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    const all = await t.db.user.findMany({ where: { tenantId: DEMO.contoso.tenantId }, select: { id: true } });
    expect(new Set(ids)).toEqual(new Set(all.map((u) => u.id)));
  });

  it("the nextLink keeps $filter, $select, $orderby and $count", async () => {
    const { pages, bodies } = await allPages(`${GRAPH}/users`, {
      $filter: "startswith(displayName,'Bulk')",
      $select: "displayName,accountEnabled",
      $orderby: "displayName desc",
      $count: "true",
      $top: "7",
    });
    const names = pages.flat().map((u) => u.displayName);
    expect(names).toEqual(Array.from({ length: BULK }, (_, i) => `Bulk User ${pad(BULK - i)}`));
    for (const u of pages.flat()) expect(Object.keys(u).sort()).toEqual(["@odata.type", "accountEnabled", "displayName", "id"].filter((k) => k in u).sort());
    for (const u of pages.flat()) expect(u.userPrincipalName).toBeUndefined();
    expect(bodies[0]!["@odata.count"]).toBe(BULK);
  });

  it("a plain paged list keeps $select in its nextLink, and v1.0 links stay on v1.0", async () => {
    let res = await api().get("/graph/v1.0/users").query({ $top: "12", $select: "userPrincipalName" }).set(admin);
    const seen: string[] = [];
    for (let guard = 0; guard < 10; guard++) {
      expect(res.status).toBe(200);
      for (const u of res.body.value) {
        expect(u.displayName).toBeUndefined();
        seen.push(u.userPrincipalName as string);
      }
      const next = res.body["@odata.nextLink"] as string | undefined;
      if (!next) break;
      expect(next).toContain("/graph/v1.0/users?");
      res = await api().get(pathOf(next)).set(admin);
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it("pages at 100 without $top", async () => {
    const res = await api().get(`${GRAPH}/users`).set(admin);
    expect(res.body.value).toHaveLength(Math.min(100, total));
    expect(res.body["@odata.nextLink"]).toBeUndefined();
  });

  it("$skip skips", async () => {
    const all = (await api().get(`${GRAPH}/users`).query({ $orderby: "displayName" }).set(admin)).body.value as U[];
    const skipped = (await api().get(`${GRAPH}/users`).query({ $orderby: "displayName", $skip: "5", $top: "3" }).set(admin)).body.value as U[];
    expect(skipped.map((u) => u.id)).toEqual(all.slice(5, 8).map((u) => u.id));
  });
});

describe("query options", () => {
  it("$count=true adds @odata.count: all matches, not just the page", async () => {
    const res = await api().get(`${GRAPH}/users`).query({ $count: "true", $top: "3" }).set(admin).set("ConsistencyLevel", "eventual");
    expect(res.body["@odata.count"]).toBe(total);
    expect(res.body.value).toHaveLength(3);
    const none = await api().get(`${GRAPH}/users`).query({ $top: "3" }).set(admin);
    expect(none.body["@odata.count"]).toBeUndefined();
  });

  it("$select trims properties and shows in @odata.context", async () => {
    const res = await api().get(`${GRAPH}/users`).query({ $select: "displayName,userPrincipalName" }).set(admin);
    expect(res.status).toBe(200);
    expect(res.body["@odata.context"]).toMatch(/#users\(displayName,userPrincipalName\)$/);
    for (const u of res.body.value) {
      expect(u.displayName).toBeDefined();
      expect(u.userPrincipalName).toBeDefined();
      expect(u.accountEnabled).toBeUndefined();
      expect(u.assignedLicenses).toBeUndefined();
    }
    const one = await api().get(`${GRAPH}/users/${users.admin.id}`).query({ $select: "jobTitle" }).set(admin);
    expect(one.body.jobTitle).toBeNull();
    expect(one.body.displayName).toBeUndefined();
  });

  it("$orderby desc sorts descending", async () => {
    const desc = (await api().get(`${GRAPH}/users`).query({ $orderby: "displayName desc", $filter: "startswith(displayName,'Bulk')" }).set(admin)).body.value as U[];
    expect(desc.map((u) => u.displayName)).toEqual(Array.from({ length: BULK }, (_, i) => `Bulk User ${pad(BULK - i)}`));
    const asc = (await api().get(`${GRAPH}/users`).query({ $orderby: "userPrincipalName asc" }).set(admin)).body.value as U[];
    const upns = asc.map((u) => u.userPrincipalName);
    expect(upns).toEqual([...upns].sort((a, b) => a.localeCompare(b)));
  });

  it("$filter: startswith, and, or, eq on booleans and strings", async () => {
    const q = async (filter: string) => {
      const res = await api().get(`${GRAPH}/users`).query({ $filter: filter }).set(admin);
      expect(res.status, `${filter}: ${JSON.stringify(res.body)}`).toBe(200);
      return (res.body.value as U[]).map((u) => u.displayName).sort();
    };
    const disabled = ["Bulk User 05", "Bulk User 10", "Bulk User 15", "Bulk User 20", "Bulk User 25"];
    expect(await q("accountEnabled eq false")).toEqual(disabled);
    expect(await q("startswith(displayName,'Bulk') and accountEnabled eq false and department eq 'Even'")).toEqual(["Bulk User 10", "Bulk User 20"]);
    expect(await q("displayName eq 'Bulk User 01' or displayName eq 'Bulk User 02'")).toEqual(["Bulk User 01", "Bulk User 02"]);
    expect(await q("startswith(userPrincipalName,'bulk1')")).toEqual(Array.from({ length: 10 }, (_, i) => `Bulk User ${i + 10}`));
    expect(await q("accountEnabled eq true and startswith(displayName,'Bulk')")).toHaveLength(BULK - 5);
    expect(await q(`id eq '${users.reader.id}'`)).toEqual(["Global Reader"]);
    expect(await q("accountEnabled ne true and not startswith(displayName,'Bulk')")).toEqual([]);
    // Case-insensitive string comparison, as Entra's directory does.
    expect(await q("displayName eq 'bulk user 03'")).toEqual(["Bulk User 03"]);
  });

  it("the $ prefix is optional on beta (filter=, top=, select=, count=)", async () => {
    const res = await api().get(`${GRAPH}/users`).query({ filter: "accountEnabled eq false", select: "displayName", count: "true", top: "2" }).set(admin);
    expect(res.status).toBe(200);
    expect(res.body["@odata.count"]).toBe(5);
    expect(res.body.value).toHaveLength(2);
    expect(res.body.value[0].accountEnabled).toBeUndefined();
    expect(res.body["@odata.nextLink"]).toBeDefined();
    // An unrelated parameter without "$" is ignored.
    expect((await api().get(`${GRAPH}/users`).query({ foo: "bar" }).set(admin)).status).toBe(200);
  });

  it("/users/$count is a plain integer and honours $filter", async () => {
    const all = await api().get(`${GRAPH}/users/$count`).set(admin).set("ConsistencyLevel", "eventual");
    expect(all.status).toBe(200);
    expect(all.headers["content-type"]).toMatch(/^text\/plain/);
    expect(all.text).toBe(String(total));
    const some = await api().get(`${GRAPH}/users/$count`).query({ $filter: "accountEnabled eq false" }).set(admin);
    expect(some.text).toBe("5");
  });

  it("works the same on other collections (groups, role definitions, audit logs)", async () => {
    const defs = await api().get(`${GRAPH}/roleManagement/directory/roleDefinitions`).query({ $top: "2", $count: "true", $select: "displayName" }).set(admin);
    expect(defs.body.value).toHaveLength(2);
    expect(defs.body["@odata.count"]).toBeGreaterThanOrEqual(5);
    expect(defs.body["@odata.nextLink"]).toContain("/roleManagement/directory/roleDefinitions?");
    const groups = await api().get(`${GRAPH}/groups`).query({ $filter: "securityEnabled eq true", $select: "displayName" }).set(admin);
    expect(groups.body.value.map((g: { displayName: string }) => g.displayName)).toEqual(["Certlab Pilot Users"]);
  });
});

describe("invalid query options are 400 and say what is wrong", () => {
  const bad = (query: Record<string, string>) => api().get(`${GRAPH}/users`).query(query).set(admin);

  it("a malformed $filter names the problem", async () => {
    const res = await bad({ $filter: "displayName eq" });
    expectGraphError(res, 400, { code: "Request_BadRequest", message: /filter/i });
    expect(res.body.error.message).toContain("displayName eq");
    expectGraphError(await bad({ $filter: "startswith(displayName,'Bulk'" }), 400, { message: /filter/i });
    expectGraphError(await bad({ $filter: "displayName eq 'unterminated" }), 400, { message: /filter/i });
    expectGraphError(await bad({ $filter: "" }), 400, { message: /filter/i });
  });

  it("an unknown property in $filter, $select or $orderby is named", async () => {
    expectGraphError(await bad({ $filter: "shoeSize eq 42" }), 400, { message: "shoeSize" });
    const sel = await bad({ $select: "displayName,favouriteColour" });
    expectGraphError(sel, 400, { message: "favouriteColour" });
    expect(sel.body.error.details?.[0]?.target).toBe("$select");
    expectGraphError(await bad({ $orderby: "height desc" }), 400, { message: "height" });
    expectGraphError(await bad({ $orderby: "displayName sideways" }), 400, { message: "sideways" });
  });

  it("an $expand the directory collection doesn't support is refused, not silently ignored", async () => {
    const res = await bad({ $expand: "manager" });
    expectGraphError(res, 400, { code: "Request_BadRequest", message: "manager" });
    expect(res.body.error.details?.[0]?.target).toBe("$expand");
    expectGraphError(await api().get(`${GRAPH}/groups`).query({ $expand: "members" }).set(admin), 400, { message: "members" });
  });

  it("a type mismatch in $filter is 400, not 500", async () => {
    for (const f of ["accountEnabled eq 'yes'", "displayName eq true", "startswith(accountEnabled,'t')", "frobnicate(displayName)", "assignedLicenses eq 'x'"]) {
      const res = await bad({ $filter: f });
      expect(res.status, `${f}: ${JSON.stringify(res.body)}`).toBe(400);
    }
  });

  it("$top must be a positive integer; $skip and $count are checked too", async () => {
    for (const top of ["0", "abc", "-1", "1.5", "1000000"]) {
      expectGraphError(await bad({ $top: top }), 400, { message: "$top" });
    }
    expectGraphError(await bad({ $skip: "-3" }), 400, { message: "$skip" });
    expectGraphError(await bad({ $count: "maybe" }), 400, { message: "$count" });
  });

  it("an unknown $option and a repeated option are refused", async () => {
    expectGraphError(await bad({ $frobnicate: "1" }), 400, { message: "$frobnicate" });
    const twice = await api().get(`${GRAPH}/users?$top=1&$top=2`).set(admin);
    expectGraphError(twice, 400, { message: "$top" });
    const mixed = await api().get(`${GRAPH}/users?$top=1&top=2`).set(admin);
    expectGraphError(mixed, 400, { message: "$top" });
  });
});
