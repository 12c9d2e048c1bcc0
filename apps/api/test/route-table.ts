// Shared by the generated suites (fuzz, isolation, role matrix): the route tables read from the code, a tenant filled
// with one object of every kind, path templates filled with those objects' ids, a snapshot of a tenant's rows and a
// small seeded PRNG. A route added to the Graph router or to /api/openapi.json is covered without touching a list.
import { createHash } from "node:crypto";
import request from "supertest";
import { expect } from "vitest";
import { ROLE_IDS } from "@certlab/domain/directory/roles";
import { CUSTOM_APPLICATION_TEMPLATE_ID } from "@certlab/domain/entra/on-premises-publishing";
import { graphRouteTable } from "../src/graph/router.ts";
import { buildOpenApiDocument } from "../src/lab-api/openapi.ts";
import type { Db } from "../src/db/client.ts";
import { GRAPH, newGroupBody, newUserBody, strongPassword } from "./helpers.ts";
import { makePki, scepBody, trustedBody, CONFIGS } from "./intune-fixtures.ts";
import { installConnector, PROXY } from "./entra-helpers.ts";
import { PASSWORD, type TestApp } from "./harness.ts";

export type Route = {
  method: string;
  /** Express style: /graph/beta/users/:id, /api/lab/servers/:id/registry/mscep */
  path: string;
  /** The request body schema from /api/openapi.json (JSON Schema), when the route documents one. */
  bodySchema?: JsonSchema;
};
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  format?: string;
  minLength?: number;
  minimum?: number;
  $ref?: string;
};

/** The shipped scenario fillTenant runs a workshop of. */
export const FILL_SCENARIO = "ndes-503-iis-iusrs";

const openApiPath = (p: string) => p.replace(/\{(\w+)\}/g, ":$1").replace(/\/$/, "") || "/";

/**
 * Every route: the Graph router's own table (under /graph/beta) and every path of /api/openapi.json (the /api ones;
 * the Graph ones there are the same routes). Bodies come from the OpenAPI document where it has them.
 */
export function routeTable(): Route[] {
  const doc = buildOpenApiDocument() as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
    components?: { schemas?: Record<string, JsonSchema> };
  };
  const components = doc.components?.schemas ?? {};
  const deref = (s: JsonSchema | undefined): JsonSchema | undefined => (s?.$ref ? components[s.$ref.split("/").pop()!] : s);
  // Params are named differently in places ({castType} for :cast): match on the path's shape.
  const shape = (method: string, p: string) => `${method.toUpperCase()} ${p.toLowerCase().replace(/:\w+/g, ":")}`;
  const bodies = new Map<string, JsonSchema>();
  const api: Route[] = [];
  for (const [p, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const schema = deref(op.requestBody?.content?.["application/json"]?.schema);
      if (schema) bodies.set(shape(method, openApiPath(p)), schema);
      if (p.startsWith("/api/")) api.push({ method: method.toUpperCase(), path: openApiPath(p), bodySchema: schema });
    }
  }
  const graph = graphRouteTable().map((r) => {
    const path = `${GRAPH}${r.path}`;
    return { method: r.method, path, bodySchema: bodies.get(shape(r.method, path)) };
  });
  return [...graph, ...api];
}

/** A plausible body from a JSON Schema (first enum value, defaults, required properties only): the fuzz mutates it. */
export function exampleOf(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return {};
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt?.length) return exampleOf(alt.find((a) => a.type !== "null") ?? alt[0], depth + 1);
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((a) => exampleOf(a, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== "null") : schema.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const k of schema.required ?? []) out[k] = exampleOf(schema.properties?.[k], depth + 1);
      return out;
    }
    case "array":
      return [];
    case "string":
      return schema.format === "uuid" ? "00000000-0000-0000-0000-000000000000" : "x".repeat(Math.max(1, schema.minLength ?? 1));
    case "integer":
    case "number":
      return schema.minimum ?? 1;
    case "boolean":
      return true;
    default:
      return {};
  }
}

export const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The ids of one object of every kind in a tenant, keyed by what the path templates call them. */
export type TenantObjects = {
  tenantId: string;
  user: string;
  group: string;
  member: string;
  roleAssignment: string;
  roleDefinition: string;
  domain: string;
  audit: string;
  application: string;
  servicePrincipal: string;
  appRoleAssignment: string;
  connector: string;
  connectorGroup: string;
  profile: string;
  profileCast: string;
  trustedRoot: string;
  assignment: string;
  intuneConnector: string;
  apiToken: string;
  labAccount: string;
  labGroup: string;
  server: string;
  ca: string;
  template: string;
  templateName: string;
  reverseProxy: string;
  publicDns: string;
  service: string;
  site: string;
  appPool: string;
  certStore: string;
  thumbprint: string;
  /** A 1-seat workshop this tenant's admin runs (issue 11), its seat and one objective of its scenario. */
  workshop: string;
  workshopSeat: string;
  workshopObjective: string;
  /** A simulated managed device (issue 10) of the fill user, who is in the group the SCEP profile is assigned to. */
  device: string;
  /** Objects of collections the fill doesn't create (catalogues such as /api/guides): the first one listed. */
  extra: Record<string, string>;
};

type Headers = Record<string, string>;

async function ok(res: request.Response, what: string, status = [200, 201, 204]): Promise<request.Response> {
  expect(status, `${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`).toContain(res.status);
  return res;
}

/**
 * Fills the tenant the headers act in with one object of every kind, the way an admin would: the correct lab, a
 * trusted root and a SCEP profile assigned to a group, a connector group, a published application with a user
 * assigned, a custom domain with its public DNS record, the Certificate Connector for Microsoft Intune, a spare
 * API token. `label` keeps names unique when two tenants are filled in one database.
 */
export async function fillTenant(t: TestApp, headers: Headers, tenantId: string, label: string, domain: string): Promise<TenantObjects> {
  const api = () => request(t.app);
  const get = async (p: string) => (await ok(await api().get(p).set(headers), `GET ${p}`)).body;
  const post = async (p: string, body: unknown) => (await ok(await api().post(p).set(headers).send(body as object), `POST ${p}`)).body;

  await post("/api/lab/reset", { scenario: "correct" });
  const lab = await get("/api/lab");
  const user = (await post(`${GRAPH}/users`, newUserBody(`fill-${label}`, domain, strongPassword()))).id as string;
  const group = (await post(`${GRAPH}/groups`, newGroupBody(`Fill ${label}`, { "members@odata.bind": [`https://graph.microsoft.com/v1.0/directoryObjects/${user}`] }))).id as string;
  const roleDefinition = ROLE_IDS.hybridIdentityAdministrator; // built-in, the same in every directory
  const roleAssignment = (await post(`${GRAPH}/roleManagement/directory/roleAssignments`, { principalId: user, roleDefinitionId: roleDefinition, directoryScopeId: "/" })).id as string;

  const pki = await makePki();
  const trustedRoot = (await post(CONFIGS, trustedBody("iOS", pki.rootB64))).id as string;
  const scep = await post(CONFIGS, scepBody("iOS", trustedRoot));
  const assigned = await post(`${CONFIGS}/${scep.id}/assignments`, { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: group } });

  const inst = await post(`${GRAPH}/applicationTemplates/${CUSTOM_APPLICATION_TEMPLATE_ID}/instantiate`, { displayName: `Fill App ${label}` });
  const sp = inst.servicePrincipal.id as string;
  const appRoleAssignment = (await post(`${GRAPH}/servicePrincipals/${sp}/appRoleAssignedTo`, { principalId: user, resourceId: sp, appRoleId: "00000000-0000-0000-0000-000000000000" })).id as string;
  const connectorGroup = (await post(`${PROXY}/connectorGroups`, { name: `Fill Connectors ${label}` })).id as string;
  const connector = await installConnector(t, `connector-${label}.corp.example.com`, { tenantId });

  const customDomain = `fill-${label}.example.com`;
  await post(`${GRAPH}/domains`, { id: customDomain });
  const publicDns = (await post("/api/entra/public-dns", { name: customDomain, type: "TXT", value: `MS=fill-${label}` })).id as string;
  const reverseProxy = (await post("/api/lab/reverse-proxies", { kind: "thirdParty", displayName: `Fill Proxy ${label}`, preauth: "passthrough", externalHostName: `proxy-${label}.example.com` })).id as string;
  const apiToken = (await post("/api/tokens", { displayName: `spare ${label}`, expiresInDays: 1 })).id as string;
  const device = (await post("/api/intune/devices", { deviceName: `fill-${label}-iphone`, platform: "iOS", userId: user })).id as string;
  const workshop = await post("/api/workshops", { name: `Fill ${label}`, scenarioId: FILL_SCENARIO, seats: 1, timeLimitMinutes: 600, hintPolicy: "on" });

  const servers = lab.servers as { id: string; name: string }[];
  const ndesServer = servers.find((s) => /ndes/i.test(s.name)) ?? servers[0]!;
  const serverDetail = await get(`/api/lab/servers/${ndesServer.id}`);
  const ndesIis = await get(`/api/lab/servers/${ndesServer.id}/iis`).catch(() => ({}));
  const certs = await get(`/api/lab/servers/${ndesServer.id}/certificates`);
  const connectorInstall = await api()
    .post(`/api/lab/servers/${ndesServer.id}/intune-certificate-connector`)
    .set(headers)
    .send({ signIn: { userPrincipalName: (await get(`${GRAPH}/me`)).userPrincipalName, password: PASSWORD } });
  const intuneConnectors = (await get(`${GRAPH}/deviceManagement/certificateConnectorDetails`)).value as { id: string }[];
  const audits = (await get(`${GRAPH}/auditLogs/directoryAudits?$top=1`)).value as { id: string }[];

  const myCerts = (certs.my ?? certs.value ?? []) as { thumbprint: string }[];
  const templates = lab.templates as { id: string; name: string }[];
  const template = templates.find((x) => x.name === "GeneralPurposeTemplate" || /scep|ndes/i.test(x.name)) ?? templates[0]!;
  const out: TenantObjects = {
    tenantId,
    user,
    group,
    member: user,
    roleAssignment,
    roleDefinition,
    domain: customDomain,
    audit: audits[0]?.id ?? "",
    application: inst.application.id,
    servicePrincipal: sp,
    appRoleAssignment,
    connector,
    connectorGroup,
    profile: scep.id,
    profileCast: scep["@odata.type"].replace(/^#/, ""),
    trustedRoot,
    assignment: assigned.id,
    intuneConnector: intuneConnectors[0]?.id ?? (connectorInstall.body?.id as string) ?? "",
    apiToken,
    labAccount: (lab.accounts as { id: string }[])[0]!.id,
    labGroup: (lab.groups as { id: string }[])[0]!.id,
    server: ndesServer.id,
    ca: (lab.cas as { id: string }[])[0]!.id,
    template: template.id,
    templateName: template.name,
    reverseProxy,
    publicDns,
    service: ((serverDetail.services ?? []) as { name: string }[])[0]?.name ?? "W3SVC",
    site: (((ndesIis as { sites?: { id: string }[] }).sites ?? [])[0]?.id) ?? "1",
    appPool: (((ndesIis as { appPools?: { name: string }[] }).appPools ?? [])[0]?.name) ?? "SCEP",
    certStore: "my",
    thumbprint: myCerts[0]?.thumbprint ?? "",
    workshop: workshop.id,
    workshopSeat: workshop.trainees[0].seatId,
    workshopObjective: workshop.objectives[0].id,
    device,
    // Public join routes name a join code / a one-time seat token, not a directory's object (like a catalogue item).
    extra: { join: workshop.joinCode, seat: "not-a-seat-token" },
  };
  for (const [k, v] of Object.entries(out)) expect(v, `fillTenant: no ${k}`).toBeTruthy();
  // Any other collection a route names an item of: list it and take the first item's id.
  for (const r of routeTable()) {
    const segs = r.path.split("/");
    for (let i = 1; i < segs.length; i++) {
      const prev = segs[i - 1]!.toLowerCase();
      if (!segs[i]!.startsWith(":") || out.extra[prev] !== undefined) continue;
      try {
        idFor(segs, i, out);
        continue;
      } catch {
        // not a kind the fill knows
      }
      const list = await api().get(fillPath(segs.slice(0, i).join("/"), out)).set(headers);
      const items = (Array.isArray(list.body) ? list.body : (list.body?.value ?? [])) as { id?: string; name?: string }[];
      out.extra[prev] = items[0]?.id ?? items[0]?.name ?? `no-${prev}`;
    }
  }
  return out;
}

/** The object a path parameter names, from the collection segment before it. */
function idFor(segments: string[], i: number, o: TenantObjects): string {
  const param = segments[i]!.slice(1);
  const prev = (segments[i - 1] ?? "").toLowerCase();
  const lab = segments[1] === "api" && segments[2] === "lab";
  if (param === "cast") return o.profileCast;
  if (param === "tenantId") return o.tenantId;
  if (param === "memberId" || param === "member") return lab ? o.labAccount : o.member;
  if (param === "assignmentId") return prev === "approleassignedto" ? o.appRoleAssignment : o.assignment;
  if (param === "thumbprint") return o.thumbprint;
  if (param === "store") return o.certStore;
  if (param === "siteId") return o.site;
  if (param === "principal") return "CONTOSO\\Domain Admins";
  if (param === "template") return o.templateName;
  if (param === "group" && prev === "local-groups") return "Administrators";
  if (prev === "services") return o.service;
  if (prev === "app-pools") return o.appPool;
  const table: Record<string, string> = lab
    ? { accounts: o.labAccount, groups: o.labGroup, servers: o.server, cas: o.ca, templates: o.template, "reverse-proxies": o.reverseProxy }
    : {
        users: o.user,
        groups: o.group,
        directoryobjects: o.user,
        roledefinitions: o.roleDefinition,
        roleassignments: o.roleAssignment,
        organization: o.tenantId,
        domains: o.domain,
        directoryaudits: o.audit,
        applicationtemplates: CUSTOM_APPLICATION_TEMPLATE_ID,
        applications: o.application,
        serviceprincipals: o.servicePrincipal,
        connectors: o.connector,
        connectorgroups: o.connectorGroup,
        deviceconfigurations: o.profile,
        ndesconnectors: o.intuneConnector,
        certificateconnectordetails: o.intuneConnector,
        tokens: o.apiToken,
        "public-dns": o.publicDns,
        workshops: o.workshop,
        seats: o.workshopSeat,
        objectives: o.workshopObjective,
        devices: o.device,
        manageddevices: o.device,
      };
  const id = table[prev] ?? o.extra?.[prev];
  if (!id) throw new Error(`route-table: no object for :${param} after '${prev}' in /${segments.join("/")}`);
  return id;
}

/** The route's path with every parameter replaced by the id of the tenant's object of that kind. */
export function fillPath(path: string, o: TenantObjects): string {
  const segments = path.split("/");
  return segments.map((s, i) => (s.startsWith(":") ? encodeURIComponent(idFor(segments, i, o)) : s)).join("/");
}

/** The indices of the path's parameters (for the "bad id" mutations). */
export const paramIndices = (path: string) => path.split("/").flatMap((s, i) => (s.startsWith(":") ? [i] : []));

// Columns that change on reads (a token's last use, a session's last sight): not state a request changes.
const VOLATILE = new Set(["lastUsedDateTime", "lastSeenDateTime"]);
const TENANT_MODELS = [
  "tenant",
  "domain",
  "subscribedSku",
  "user",
  "group",
  "groupMember",
  "roleAssignment",
  "session",
  "apiToken",
  "auditLog",
  "labObject",
  "certificateConnector",
  "deviceConfiguration",
  "deviceConfigurationAssignment",
  "application",
  "servicePrincipal",
  "appRoleAssignment",
  "connectorGroup",
  "appProxyConnector",
  "managedDevice",
  "managedDeviceProfileState",
  "deviceCertificate",
] as const;

/** Every row of the tenant, as one digest per table (plus the row counts, for a readable failure). */
export async function tenantRows(db: Db, tenantId: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const dbx = db as unknown as Record<string, { findMany(args: unknown): Promise<Record<string, unknown>[]> }>;
  for (const model of TENANT_MODELS) {
    const rows = await dbx[model]!.findMany({ where: model === "tenant" ? { id: tenantId } : { tenantId } });
    const norm = rows
      .map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => !VOLATILE.has(k)).sort(([a], [b]) => a.localeCompare(b)))))
      .sort();
    out[model] = `${rows.length}:${createHash("sha256").update(norm.join("\n")).digest("hex").slice(0, 16)}`;
  }
  return out;
}

/**
 * A cheap "did anything write?" probe, read before and after a request: SQLite's total_changes() on the app's
 * connection (rows touched by any statement, even one rolled back), PostgreSQL's next transaction id (it advances
 * whenever any transaction writes, anywhere on the server). Unchanged means nothing was written; changed means
 * "compare the rows" (tenantRows), which is exact but costs a query per table.
 */
export async function writeProbe(db: Db, databaseUrl: string): Promise<string> {
  const sql = /^postgres(ql)?:/.test(databaseUrl) ? "SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS n" : "SELECT total_changes() AS n";
  const rows = await db.$queryRawUnsafe<{ n: unknown }[]>(sql);
  return String(rows[0]?.n);
}

/** mulberry32: a small seeded PRNG, so a failing run repeats exactly. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Prng = ReturnType<typeof prng>;
