// The scenario DOCUMENT (issue 11): the TenantSnapshot (rules/snapshot.ts) with every array of named objects turned
// into an object keyed by a stable, human name, so fault patches and check pointers read like the consoles
// ("/lab/servers/NDES01/services/W3SVC/status") and survive id changes between tenants. snapshotFromDocument is the
// exact inverse: every keyed value still carries all of its fields (ids included), so the inverse only turns the
// keyed objects back into arrays, in key order. docs/scenarios.md lists the keys (DOCUMENT_KEYS below).
import { ROLE_IDS } from "../directory/roles";
import type { TenantSnapshot } from "../rules/snapshot";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** The document: the snapshot's shape with keyed objects where it has arrays of named objects. */
export type ScenarioDocument = { tenant: { id: string; displayName: string }; directory: Record<string, unknown>; lab?: Record<string, unknown>; intune?: Record<string, unknown>; entra?: Record<string, unknown> } & Record<string, unknown>;

type Item = Record<string, unknown>;
type Lookups = {
  userKey: Map<string, string>;
  groupName: Map<string, string>;
  profileName: Map<string, string>;
  serverName: Map<string, string>;
};

const ROLE_NAMES = new Map<string, string>(Object.entries(ROLE_IDS).map(([name, id]) => [id, name]));
const str = (v: unknown): string => (typeof v === "string" ? v : String(v ?? ""));
const localPart = (upn: unknown) => str(upn).split("@")[0]!;

/** One array of the snapshot that the document keys: where it is ("*" = every entry of a keyed object) and its key. */
export type DocumentKey = { path: string; key: string; keyOf: (item: Item, l: Lookups) => string };

const memberKey = (id: string, l: Lookups) => l.userKey.get(id) ?? l.groupName.get(id) ?? id;
const targetLabel = (t: Item, l: Lookups): string => {
  const type = str(t["@odata.type"]).replace(/^#microsoft\.graph\./, "").replace(/AssignmentTarget$/, "");
  const groupId = typeof t.groupId === "string" ? t.groupId : undefined;
  const name = groupId ? (l.groupName.get(groupId) ?? groupId) : type;
  return type === "exclusionGroup" ? `exclude:${name}` : name;
};

/** Every keyed array, parents before their children. */
export const DOCUMENT_KEYS: readonly DocumentKey[] = [
  { path: "/directory/users", key: "the userPrincipalName's local part (before @); the full UPN when two users share it", keyOf: (u, l) => l.userKey.get(str(u.id)) ?? localPart(u.userPrincipalName) },
  { path: "/directory/groups", key: "displayName", keyOf: (g) => str(g.displayName) },
  { path: "/directory/groupMembers", key: "'<group displayName>|<member key>' (member: user key, group displayName, or id)", keyOf: (m, l) => `${l.groupName.get(str(m.groupId)) ?? str(m.groupId)}|${memberKey(str(m.memberId), l)}` },
  { path: "/directory/roleAssignments", key: "'<principal key>|<role name>' (role name as in ROLE_IDS, e.g. intuneAdministrator; else the role id)", keyOf: (r, l) => `${memberKey(str(r.principalId), l)}|${ROLE_NAMES.get(str(r.roleDefinitionId).toLowerCase()) ?? str(r.roleDefinitionId)}` },
  { path: "/directory/subscribedSkus", key: "skuPartNumber", keyOf: (s) => str(s.skuPartNumber) },
  { path: "/directory/domains", key: "name", keyOf: (d) => str(d.name) },
  { path: "/lab/forest/domains", key: "fqdn", keyOf: (d) => str(d.fqdn) },
  { path: "/lab/accounts", key: "samAccountName", keyOf: (a) => str(a.samAccountName) },
  { path: "/lab/groups", key: "name", keyOf: (g) => str(g.name) },
  { path: "/lab/servers", key: "name (computer name)", keyOf: (s) => str(s.name) },
  { path: "/lab/servers/*/services", key: "service name (W3SVC, CertSvc, …)", keyOf: (s) => str(s.name) },
  { path: "/lab/cas", key: "name (CA common name)", keyOf: (c) => str(c.name) },
  { path: "/lab/cas/*/acl", key: "principal", keyOf: (a) => str(a.principal) },
  { path: "/lab/templates", key: "name (template name, not display name)", keyOf: (t) => str(t.name) },
  { path: "/lab/templates/*/security", key: "principal", keyOf: (a) => str(a.principal) },
  { path: "/lab/ndes", key: "the NDES server's name", keyOf: (n, l) => l.serverName.get(str(n.serverId)) ?? str(n.id) },
  { path: "/lab/ndes/*/iis/sites", key: "site name", keyOf: (s) => str(s.name) },
  { path: "/lab/ndes/*/iis/appPools", key: "application pool name (SCEP, DefaultAppPool)", keyOf: (p) => str(p.name) },
  { path: "/lab/intuneCertificateConnectors", key: "the connector server's name", keyOf: (c, l) => l.serverName.get(str(c.serverId)) ?? str(c.id) },
  { path: "/lab/appProxyConnectors", key: "the connector server's name", keyOf: (c, l) => l.serverName.get(str(c.serverId)) ?? str(c.id) },
  { path: "/lab/reverseProxies", key: "displayName", keyOf: (p) => str(p.displayName) },
  { path: "/intune/profiles", key: "displayName", keyOf: (p) => str(p.displayName) },
  { path: "/intune/assignments", key: "'<profile displayName>|<target>' (target: group displayName, exclude:<group>, allDevices, allLicensedUsers)", keyOf: (a, l) => `${l.profileName.get(str(a.profileId)) ?? str(a.profileId)}|${targetLabel((a.target ?? {}) as Item, l)}` },
  { path: "/intune/certificateConnectors", key: "connectorName", keyOf: (c) => str(c.connectorName) },
  { path: "/intune/managedDevices", key: "deviceName", keyOf: (d) => str(d.deviceName) },
  { path: "/entra/applications", key: "displayName", keyOf: (a) => str(a.displayName) },
  { path: "/entra/connectorGroups", key: "name", keyOf: (g) => str(g.name) },
  { path: "/entra/connectors", key: "machineName", keyOf: (c) => str(c.machineName) },
  { path: "/entra/customDomains", key: "name", keyOf: (d) => str(d.name) },
];

const SEGMENTS = new Map(DOCUMENT_KEYS.map((k) => [k, k.path.slice(1).split("/")]));

/** Calls `fn(parent, key)` for every place `segs` reaches ("*" = every entry of an object or array). */
function forEachAt(node: unknown, segs: readonly string[], fn: (parent: Item, key: string) => void): void {
  if (node === null || typeof node !== "object") return;
  const [head, ...rest] = segs;
  const obj = node as Item;
  if (rest.length === 0) {
    if (head! in obj) fn(obj, head!);
    return;
  }
  if (head === "*") for (const k of Object.keys(obj)) forEachAt(obj[k], rest, fn);
  else forEachAt(obj[head!], rest, fn);
}

function lookups(s: TenantSnapshot): Lookups {
  const userKey = new Map<string, string>();
  const used = new Set<string>();
  for (const u of s.directory.users) {
    let k = localPart(u.userPrincipalName);
    if (used.has(k)) k = u.userPrincipalName; // two domains with the same local part: the full UPN
    used.add(k);
    userKey.set(u.id, k);
  }
  return {
    userKey,
    groupName: new Map(s.directory.groups.map((g) => [g.id, g.displayName])),
    profileName: new Map((s.intune?.profiles ?? []).map((p) => [p.id, p.displayName])),
    serverName: new Map((s.lab?.servers ?? []).map((x) => [x.id, x.name])),
  };
}

/** The key an entry gets; a second entry with the same key gets " (2)", a third " (3)". */
function keyed(list: Item[], keyOf: (item: Item) => string): Item {
  const out: Item = {};
  for (const item of list) {
    const base = keyOf(item) || "(unnamed)";
    let k = base;
    for (let n = 2; k in out; n++) k = `${base} (${n})`;
    out[k] = item;
  }
  return out;
}

/** The snapshot as a scenario document (a deep copy: the snapshot is not changed). */
export function scenarioDocument(snapshot: TenantSnapshot): ScenarioDocument {
  const l = lookups(snapshot);
  const doc = structuredClone(snapshot) as unknown as ScenarioDocument;
  for (const spec of DOCUMENT_KEYS)
    forEachAt(doc, SEGMENTS.get(spec)!, (parent, key) => {
      const v = parent[key];
      if (Array.isArray(v)) parent[key] = keyed(v as Item[], (item) => spec.keyOf(item, l));
    });
  return doc;
}

/** The exact inverse of scenarioDocument (a deep copy): keyed objects back to arrays, in key order. */
export function snapshotFromDocument(doc: ScenarioDocument): TenantSnapshot {
  const out = structuredClone(doc) as Item;
  for (const spec of [...DOCUMENT_KEYS].reverse())
    forEachAt(out, SEGMENTS.get(spec)!, (parent, key) => {
      const v = parent[key];
      if (v !== null && typeof v === "object" && !Array.isArray(v)) parent[key] = Object.values(v as Item);
    });
  return out as unknown as TenantSnapshot;
}

/** RFC 6901 token escaping: "~" → "~0", "/" → "~1". */
export const escapePointerToken = (t: string) => t.replace(/~/g, "~0").replace(/\//g, "~1");
export const unescapePointerToken = (t: string) => t.replace(/~1/g, "/").replace(/~0/g, "~");

/** The value at a JSON pointer, or undefined when the path does not exist. */
export function getAtPointer(doc: unknown, pointer: string): unknown {
  if (pointer === "") return doc;
  let node: unknown = doc;
  for (const raw of pointer.slice(1).split("/")) {
    const token = unescapePointerToken(raw);
    if (node === null || typeof node !== "object") return undefined;
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      node = node[Number(token)];
    } else {
      if (!Object.prototype.hasOwnProperty.call(node, token)) return undefined;
      node = (node as Item)[token];
    }
  }
  return node;
}
