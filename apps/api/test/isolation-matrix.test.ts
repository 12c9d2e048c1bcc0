// Isolation matrix (issue 9 §3), generated from the route tables (test/route-table.ts): Fabrikam ("A") and Contoso
// ("B") each hold one object of every kind; from B, every route naming one of A's objects is called with A's id
// (read, change, delete), every list and $filter is read, and every reference a body or $ref can carry is pointed
// at A's objects. Asserted: a route naming A's object answers 404 as Graph does (never 403, which would reveal that
// it exists), no response carries an A id the request didn't send, A's rows don't change, and B's rows never end
// up referencing A's objects.
import { randomUUID } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearerFor, createTestApp, DEMO, signIn, users, type TestApp } from "./harness.ts";
import { exampleOf, fillPath, fillTenant, routeTable, tenantRows, type Route, type TenantObjects } from "./route-table.ts";

let t: TestApp;
let A: TenantObjects;
let B: TenantObjects;
let aHeaders: Record<string, string>;
let bHeaders: Record<string, string>;
/** A's ids that are A's alone (not built-ins or names every lab shares). */
let aIds: string[];
let aRowsBefore: Record<string, string>;

// Values the two tenants share by design: built-in role definitions, template names, service and pool names, ...
const SHARED_KEYS = new Set<keyof TenantObjects>(["roleDefinition", "profileCast", "templateName", "service", "site", "appPool", "certStore", "member", "tenantId"]);
// Params that name no tenant object (built-ins, or a name inside the object the path already names).
const GLOBAL_FIRST = /^\/graph\/beta\/(roleManagement\/directory\/roleDefinitions|applicationTemplates)\//;

beforeAll(async () => {
  t = await createTestApp();
  bHeaders = { Authorization: `Bearer ${await bearerFor(t.app, users.admin.upn)}` };
  const { agent, csrf } = await signIn(t.app, users.admin.upn);
  const sw = await agent.post("/api/session/switch").set("X-CSRF-Token", csrf).send({ tenantId: DEMO.fabrikam.tenantId });
  expect(sw.status).toBe(200);
  aHeaders = { Authorization: `Bearer ${(await agent.post("/api/tokens").set("X-CSRF-Token", csrf).send({ displayName: "fabrikam" })).body.token}` };
  A = await fillTenant(t, aHeaders, DEMO.fabrikam.tenantId, "fabrikam", DEMO.fabrikam.domain);
  B = await fillTenant(t, bHeaders, DEMO.contoso.tenantId, "contoso", DEMO.contoso.domain);
  aIds = Object.entries(A)
    .flatMap(([k, v]) => (!SHARED_KEYS.has(k as keyof TenantObjects) && typeof v === "string" && v.length >= 8 ? [v] : []));
  for (const id of aIds) expect(Object.values(B), `the two tenants share ${id}`).not.toContain(id);
  // Catalogue items (A.extra, e.g. a guide) are the same in every directory: not A's objects.
  aRowsBefore = await tenantRows(t.db, A.tenantId);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

type Leak = string;
const leaks: Leak[] = [];

/** A ids in the response that the request didn't carry. */
function leaked(res: request.Response, sent: string): string[] {
  const text = typeof res.text === "string" && res.text ? res.text : JSON.stringify(res.body ?? "");
  return aIds.filter((id) => text.includes(id) && !sent.includes(id));
}

async function call(method: string, path: string, body?: unknown): Promise<request.Response> {
  const m = method.toLowerCase() as "get" | "post" | "put" | "patch" | "delete";
  let r = request(t.app)[m](path).set(bHeaders);
  if (body !== undefined && method !== "GET" && method !== "DELETE") r = r.send(body as object);
  const res = await r;
  expect(res.status, `${method} ${path}: ${res.status} ${res.text?.slice(0, 300)}`).toBeLessThan(500);
  const l = leaked(res, path + JSON.stringify(body ?? ""));
  if (l.length) leaks.push(`${method} ${path} → ${res.status} carries A's ${l.join(", ")}`);
  return res;
}

const bodyOf = (r: Route) => exampleOf(r.bodySchema);
const routes = () => routeTable().filter((r) => !/\/(session|lab\/reset|guides\/:id\/restart|scenarios\/load)/.test(r.path));

describe("tenant B against tenant A's objects, for every route of the route tables", () => {
  it("every route naming one of A's objects answers 404 (read, change, delete), and carries nothing of A", { timeout: 120_000 }, async () => {
    // Routes whose first parameter is a catalogue item (the same in every directory, e.g. a guide) name nothing of A.
    const catalogue = (r: Route) => {
      const segs = r.path.split("/");
      return A.extra[segs[segs.findIndex((x) => x.startsWith(":")) - 1]!.toLowerCase()] !== undefined;
    };
    const named = routes().filter((r) => r.path.includes("/:") && !GLOBAL_FIRST.test(r.path) && !catalogue(r));
    expect(named.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    let notFound = 0;
    // Deletes last, so a wrongly allowed delete can't hide the other verbs' answers.
    for (const r of [...named].sort((x, y) => Number(x.method === "DELETE") - Number(y.method === "DELETE"))) {
      const path = fillPath(r.path, A);
      // The same request naming an object that exists nowhere: A's object must be indistinguishable from it.
      const segs = path.split("/");
      segs[r.path.split("/").findIndex((s) => s.startsWith(":"))] = randomUUID();
      const body = bodyOf(r) ?? {};
      const res = await call(r.method, path, body);
      const none = await call(r.method, segs.join("/"), body);
      if (res.status === 404) notFound++;
      if (![400, 404].includes(res.status) || res.status !== none.status || res.body?.error?.code !== none.body?.error?.code) {
        wrong.push(`${r.method} ${r.path} → ${res.status} ${res.text.slice(0, 160)} (an unknown id: ${none.status})`);
      }
    }
    // Most routes look the object up first, exactly as Graph (the others refuse the sample body first, for any id).
    expect(notFound).toBeGreaterThan(named.length * 0.75);
    expect(wrong, wrong.join("\n")).toEqual([]);
    expect(leaks, leaks.join("\n")).toEqual([]);
  });

  it("lists, $filter on A's ids and B's own objects show nothing of A", { timeout: 120_000 }, async () => {
    const gets = routes().filter((r) => r.method === "GET" && !GLOBAL_FIRST.test(r.path));
    for (const r of gets) {
      const path = fillPath(r.path, B);
      await call("GET", path);
      if (!path.startsWith("/graph/")) continue;
      for (const id of aIds.slice(0, 12)) {
        const res = await call("GET", `${path}?$filter=${encodeURIComponent(`id eq '${id}'`)}`);
        if (res.status === 200 && Array.isArray(res.body?.value)) expect(res.body.value, `${r.path} $filter id eq A's ${id}`).toEqual([]);
      }
    }
    expect(leaks, leaks.join("\n")).toEqual([]);
  });

  it("references to A's objects (@odata.bind, $ref, ids in bodies) are refused and bind nothing", { timeout: 120_000 }, async () => {
    const urls = (id: string) => [
      id,
      `https://graph.microsoft.com/v1.0/directoryObjects/${id}`,
      `https://graph.microsoft.com/beta/users/${id}`,
      `https://graph.microsoft.com/beta/groups/${id}`,
      `https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations('${id}')`,
      `https://graph.microsoft.com/beta/onPremisesPublishingProfiles/applicationProxy/connectorGroups/${id}`,
      `https://graph.microsoft.com/beta/onPremisesPublishingProfiles/applicationProxy/connectors/${id}`,
    ];
    const refTargets = [A.user, A.group, A.trustedRoot, A.connectorGroup, A.connector, A.application, A.servicePrincipal];
    let tried = 0;
    for (const r of routes().filter((x) => ["POST", "PUT", "PATCH"].includes(x.method) && !GLOBAL_FIRST.test(x.path) || /applicationTemplates\/:id\/instantiate/.test(x.path))) {
      const path = fillPath(r.path, B);
      const base = (bodyOf(r) ?? {}) as Record<string, unknown>;
      const props = Object.keys(r.bodySchema?.properties ?? {});
      const refProps = props.filter((p) => /@odata\.(bind|id)$|Id$|^id$|Ids$/.test(p));
      if (path.includes("$ref")) refProps.push("@odata.id");
      for (const prop of new Set(refProps)) {
        for (const target of refTargets) {
          for (const value of prop === "@odata.id" || prop.endsWith("@odata.bind") ? urls(target).slice(1) : [target]) {
            const v = prop.endsWith("s@odata.bind") || prop.endsWith("Ids") ? [value] : value;
            const res = await call(r.method, path, { ...base, [prop]: v });
            tried++;
            // Draft evaluators (the wizards' live checks) answer 200 with findings for any draft; they write
            // nothing, and the leak check above still applies to what they answer.
            if (/\/(validate|evaluate)$/.test(r.path)) continue;
            expect(res.status, `${r.method} ${r.path} with ${prop} = A's ${target}: ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
          }
        }
      }
    }
    // Assignments name their target group inside "target".
    for (const target of [A.group, A.user]) {
      const res = await call("POST", `/graph/beta/deviceManagement/deviceConfigurations/${B.profile}/assignments`, { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: target } });
      expect(res.status).toBeGreaterThanOrEqual(400);
      const assign = await call("POST", `/graph/beta/deviceManagement/deviceConfigurations/${B.profile}/assign`, { assignments: [{ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: target } }] });
      expect(assign.status).toBeGreaterThanOrEqual(400);
      tried += 2;
    }
    expect(tried).toBeGreaterThan(50);
    expect(leaks, leaks.join("\n")).toEqual([]);
  });

  it("afterwards A's rows are unchanged and none of B's rows names an A object", async () => {
    expect(await tenantRows(t.db, A.tenantId)).toEqual(aRowsBefore);
    const dbx = t.db as unknown as Record<string, { findMany(a: unknown): Promise<unknown[]> }>;
    for (const model of ["groupMember", "roleAssignment", "deviceConfiguration", "deviceConfigurationAssignment", "appRoleAssignment", "application", "appProxyConnector", "labObject", "auditLog"]) {
      const text = JSON.stringify(await dbx[model]!.findMany({ where: { tenantId: B.tenantId } }));
      const refs = aIds.filter((id) => text.includes(id));
      expect(refs, `${model} rows of B reference A's ${refs.join(", ")}`).toEqual([]);
    }
  });
});
