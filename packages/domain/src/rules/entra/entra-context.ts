// Lookups the application proxy rules share, built once per snapshot (cached by object identity) so that
// evaluating every rule stays linear in the snapshot's size.
import type {
  EntraApplication,
  EntraConnector,
  EntraConnectorGroup,
  EntraOnPremisesPublishing,
  EntraSnapshot,
} from "../../entra/snapshot";
import { urlHost } from "../../entra/on-premises-publishing";
import type { SnapshotIndex, TenantSnapshot } from "../snapshot";
import type { ObjectRef } from "../types";

/** An application with application proxy configured. */
export type PublishedApp = EntraApplication & { onPremisesPublishing: EntraOnPremisesPublishing };

/** The key of the Default group when the snapshot has no group flagged isDefault (an app's null connectorGroupId). */
export const DEFAULT_GROUP_KEY = "default";

export type EntraContext = {
  entra: EntraSnapshot;
  groupsById: ReadonlyMap<string, EntraConnectorGroup>;
  defaultGroup: EntraConnectorGroup | undefined;
  /** groupKey → connectors in it (a connector with no group is in the Default group). */
  connectorsByGroup: ReadonlyMap<string, readonly EntraConnector[]>;
  /** groupKey → published apps assigned to it. */
  appsByGroup: ReadonlyMap<string, readonly PublishedApp[]>;
  published: readonly PublishedApp[];
  /** "contoso.onmicrosoft.com"; "" if the directory has no initial domain. */
  tenantInitialDomain: string;
  /** Directory domains and app proxy custom domains, with their verification state. */
  domains: readonly { name: string; isVerified: boolean }[];
  asOf: Date;
};

const cache = new WeakMap<EntraSnapshot, EntraContext>();

/** The snapshot's Entra context, or undefined when the snapshot has no Entra section. */
export function entraContext(snapshot: TenantSnapshot, index: SnapshotIndex): EntraContext | undefined {
  const entra = snapshot.entra;
  if (!entra) return undefined;
  const hit = cache.get(entra);
  if (hit) return hit;

  const groupsById = new Map(entra.connectorGroups.map((g) => [g.id, g]));
  const defaultGroup = entra.connectorGroups.find((g) => g.isDefault);
  const keyOf = (groupId: string | null) => groupId ?? defaultGroup?.id ?? DEFAULT_GROUP_KEY;
  const connectorsByGroup = new Map<string, EntraConnector[]>();
  for (const c of entra.connectors) push(connectorsByGroup, keyOf(c.connectorGroupId), c);
  const published = entra.applications.filter((a): a is PublishedApp => a.onPremisesPublishing !== null);
  const appsByGroup = new Map<string, PublishedApp[]>();
  for (const a of published) push(appsByGroup, keyOf(a.connectorGroupId), a);

  const labAsOf = (snapshot.lab as { asOf?: string } | undefined)?.asOf;
  const asOfText = entra.asOf ?? labAsOf;
  const ctx: EntraContext = {
    entra,
    groupsById,
    defaultGroup,
    connectorsByGroup,
    appsByGroup,
    published,
    tenantInitialDomain: index.initialDomain?.name ?? "",
    domains: [
      ...snapshot.directory.domains.map((d) => ({ name: d.name, isVerified: d.isVerified })),
      ...entra.customDomains.map((d) => ({ name: d.name, isVerified: d.isVerified })),
    ],
    asOf: asOfText ? new Date(asOfText) : new Date(),
  };
  cache.set(entra, ctx);
  return ctx;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The key an app's or connector's group is filed under in the context's maps. */
export function groupKey(ctx: EntraContext, groupId: string | null): string {
  return groupId ?? ctx.defaultGroup?.id ?? DEFAULT_GROUP_KEY;
}

/** The group's display name: its name, or "Default" for the implicit default group. */
export function groupName(ctx: EntraContext, key: string): string {
  return ctx.groupsById.get(key)?.name ?? "Default";
}

export function appRef(app: EntraApplication): ObjectRef {
  return { type: "application", id: app.id, displayName: app.displayName };
}

export function groupRef(ctx: EntraContext, key: string): ObjectRef {
  return { type: "connectorGroup", id: key, displayName: groupName(ctx, key) };
}

export function connectorRef(c: EntraConnector): ObjectRef {
  return { type: "connector", id: c.id, displayName: c.machineName };
}

/** The host of the app's internal / external URL (lower-case), undefined if unparseable. */
export function internalHost(app: PublishedApp): string | undefined {
  return urlHost(app.onPremisesPublishing.internalUrl.trim());
}
export function externalHost(app: PublishedApp): string | undefined {
  return urlHost(app.onPremisesPublishing.externalUrl.trim());
}
