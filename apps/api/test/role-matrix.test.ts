// Role matrix (issue 9 §3): every write route of the route tables (test/route-table.ts), called by a user of every
// built-in role the demo directory has (and by a user with no role). The result must equal the permissions table
// (packages/domain/src/directory/permissions.ts): a role the table doesn't grant gets 403 with the message naming
// the roles that would, a role it grants is never refused with 403. Which action a route needs follows from the
// resource it writes, as in Entra and Intune RBAC (below); a write route no rule classifies fails the test, so a new
// route must be placed in the model before it can ship.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, permissionDeniedMessage, type Action } from "@certlab/domain/directory/permissions";
import { ROLE_IDS } from "@certlab/domain/directory/roles";
import { bearerFor, createTestApp, DEMO, PASSWORD, users, type TestApp } from "./harness.ts";
import { GRAPH, newUserBody } from "./helpers.ts";
import { userWithRole } from "./entra-helpers.ts";
import { findGuide } from "@certlab/domain/guides/catalogue";
import { COMPLETE_SETUP_ACTIONS } from "../src/lab-api/lab/routes-lab.ts";
import { exampleOf, fillPath, fillTenant, routeTable, WRITE_METHODS, type Route, type TenantObjects } from "./route-table.ts";

/**
 * The action a write needs, by the resource it writes (first match wins). Entra: users, groups, role assignments,
 * organization and domains are directory writes; applications, service principals and their assignments are
 * application writes; application proxy connectors and connector groups are App Proxy writes (which Cloud
 * Application Administrator lacks). Intune: device configurations and certificate connectors. The on-premises lab
 * (including its simulated public DNS) is lab.write. Evaluators and a simulated browse only read.
 */
const ROUTE_ACTIONS: [RegExp, Action | "everyone" | ((o: TenantObjects) => Action[])][] = [
  [/^\/api\/session/, "everyone"],
  // Restarting a guide resets the lab to the guide's start, clearing (fresh) or rebuilding (complete) the setup.
  [/^\/api\/guides\/:id\/restart$/, (o) => (findGuide(o.extra.guides!)?.start === "complete" ? ["lab.write", ...COMPLETE_SETUP_ACTIONS] : ["lab.write", "intune.configuration.write", "entra.appProxy.write"])],
  // Loading a scenario resets the tenant to the complete setup plus its faults: POST /api/lab/reset complete's rights.
  [/^\/api\/scenarios\/load$/, () => ["lab.write", ...COMPLETE_SETUP_ACTIONS]],
  [/^\/api\/tokens/, "tokens.self"],
  // Workshops (issue 11): joining is public, a trainee's own seat view is theirs; the rest is the trainer's.
  [/^\/api\/workshops\/(join|seat)(\/|$)/, "everyone"],
  [/^\/api\/workshop(\/|$)/, "everyone"],
  [/^\/api\/workshops(\/|$)/, "workshops.manage"],
  [/^\/api\/(entra\/applications\/validate|entra\/applications\/:id\/test)$/, "directory.read"],
  [/^\/api\/intune\/profile-drafts\/evaluate$/, "intune.read"],
  [/^\/api\/entra\/applications\/:id\/maintenance-mode$/, "entra.appProxy.write"],
  [/^\/api\/(lab|entra\/public-dns)(\/|$)/, "lab.write"],
  [/^\/graph\/beta\/users/, "directory.users.write"],
  [/^\/graph\/beta\/groups/, "directory.groups.write"],
  [/^\/graph\/beta\/roleManagement/, "directory.roles.write"],
  [/^\/graph\/beta\/organization/, "directory.organization.write"],
  [/^\/graph\/beta\/domains/, "directory.domains.write"],
  [/^\/graph\/beta\/applications\/:id\/connectorGroup/, "entra.appProxy.write"],
  [/^\/graph\/beta\/(applicationTemplates|applications|servicePrincipals)/, "entra.applications.write"],
  [/^\/graph\/beta\/onPremisesPublishingProfiles/, "entra.appProxy.write"],
  [/^\/graph\/beta\/deviceManagement\/deviceConfigurations/, "intune.configuration.write"],
  [/^\/graph\/beta\/deviceManagement\/(ndesConnectors|certificateConnectorDetails)/, "intune.connectors.write"],
  // Simulated managed devices (issue 10): create, sync, delete, challenges — Intune configuration writes.
  [/^\/graph\/beta\/deviceManagement\/managedDevices/, "intune.configuration.write"],
  [/^\/api\/intune\/devices(\/|$)/, "intune.configuration.write"],
];

/** Every action the route needs (all of them), or "everyone". */
function actionsOf(r: Route): Action[] | "everyone" | undefined {
  const a = ROUTE_ACTIONS.find(([re]) => re.test(r.path))?.[1];
  return a === undefined || a === "everyone" ? a : typeof a === "function" ? a(objects) : [a];
}

type Caller = { name: string; roleIds: string[]; headers: Record<string, string> };

let t: TestApp;
let objects: TenantObjects;
const callers: Caller[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const admin = { Authorization: `Bearer ${await bearerFor(t.app, users.admin.upn)}` };
  objects = await fillTenant(t, admin, DEMO.contoso.tenantId, "contoso", DEMO.contoso.domain);
  for (const u of Object.values(users)) callers.push({ name: u.displayName, roleIds: [u.role], headers: { Authorization: `Bearer ${await bearerFor(t.app, u.upn)}` } });
  // The directory's other built-in roles, each held by a new user, and a user who holds none.
  for (const [key, role] of Object.entries(ROLE_IDS)) {
    if (callers.some((c) => c.roleIds.includes(role))) continue;
    const u = await userWithRole(t, admin, `role-${key}`, role);
    callers.push({ name: key, roleIds: [role], headers: u.headers });
  }
  const plain = await request(t.app).post(`${GRAPH}/users`).set(admin).send(newUserBody("no-role", DEMO.contoso.domain, PASSWORD));
  expect(plain.status).toBe(201);
  callers.push({ name: "a user with no role", roleIds: [], headers: { Authorization: `Bearer ${await bearerFor(t.app, plain.body.userPrincipalName)}` } });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe("every write route × every built-in role equals the permissions table", () => {
  it("0 bypasses, 0 wrong refusals", { timeout: 180_000 }, async () => {
    // Deletes and the lab reset last: an allowed delete must not leave the next route without its object.
    const rank = (r: Route) => (r.method === "DELETE" ? 1 : 0) + (/lab\/reset|guides\/:id\/restart|scenarios\/load/.test(r.path) ? 2 : 0);
    const writes = routeTable().filter((r) => WRITE_METHODS.has(r.method)).sort((a, b) => rank(a) - rank(b));
    expect(writes.length).toBeGreaterThan(90);
    const unclassified = writes.filter((r) => !actionsOf(r)).map((r) => `${r.method} ${r.path}`);
    expect(unclassified, `write routes with no action in ROUTE_ACTIONS:\n${unclassified.join("\n")}`).toEqual([]);
    expect(callers.length).toBeGreaterThanOrEqual(Object.keys(ROLE_IDS).length + 1);

    const mismatches: string[] = [];
    let denied = 0;
    let allowed = 0;
    for (const r of writes) {
      const actions = actionsOf(r)!;
      if (actions === "everyone" || /\/api\/session/.test(r.path)) continue;
      const allowedFor = (c: Caller) => actions.every((a) => can(c.roleIds, a));
      const path = fillPath(r.path, objects);
      // Callers the table refuses go first, so an allowed change can't turn their 403 into a 404.
      const ordered = [...callers].sort((a, b) => Number(allowedFor(a)) - Number(allowedFor(b)));
      for (const c of ordered) {
        const m = r.method.toLowerCase() as "post" | "put" | "patch" | "delete";
        let req = request(t.app)[m](path).set(c.headers);
        if (r.method !== "DELETE") req = req.send((exampleOf(r.bodySchema) ?? {}) as object);
        const res = await req;
        const expectAllowed = allowedFor(c);
        const lacking = actions.filter((a) => !can(c.roleIds, a));
        // Seed 003: a caller who manages applications but not App Proxy gets APPPROXY_NOT_ADMIN, naming the roles.
        const appProxyRefusal = lacking.includes("entra.appProxy.write") && res.body?.error?.details?.[0]?.code === "APPPROXY_NOT_ADMIN";
        const got403 = res.status === 403 && (lacking.some((a) => res.body?.error?.message === permissionDeniedMessage(a)) || appProxyRefusal);
        const label = actions.join(" + ");
        if (expectAllowed) allowed++;
        else denied++;
        if (!expectAllowed && !got403) mismatches.push(`${res.status === 403 ? "WRONG 403" : "BYPASS"} ${c.name}: ${r.method} ${r.path} (${label}) → ${res.status} ${res.text.slice(0, 160)}`);
        else if (expectAllowed && res.status === 403) mismatches.push(`REFUSED ${c.name}: ${r.method} ${r.path} (${label}) → 403 ${res.text.slice(0, 160)}`);
        expect(res.status, `${c.name} ${r.method} ${path}`).toBeLessThan(500);
      }
    }
    expect(mismatches, mismatches.join("\n")).toEqual([]);
    expect(denied).toBeGreaterThan(200);
    expect(allowed).toBeGreaterThan(100);
  });
});
