// Application proxy connector groups and connectors (graph-reference.md §8.2–8.3). Connectors are created by the
// lab's connector install (another issue) in the Default group; here they are listed, moved between groups and given
// their status from the lab server they run on.
import { randomUUID } from "node:crypto";
import type { TConnectorGroupCreate, TConnectorGroupUpdate } from "@certlab/domain/entra/on-premises-publishing";
import type { ConnectorStatus } from "@certlab/domain/entra/snapshot";
import type { AppProxyConnector, ConnectorGroup } from "../../generated/sqlite/client.ts";
import type { Db, Tx } from "../../db/client.ts";
import { findRows } from "../../db/fast-find.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { diff } from "../audit.ts";
import { StoreBase } from "../base.ts";
import { requireGuid } from "../ids.ts";
import { jsonObject, stableGuid } from "./data.ts";

export type ConnectorRow = AppProxyConnector & { status: ConnectorStatus };

export const DEFAULT_GROUP_NAME = "Default";
/** Graph's wording (connectorGroup-delete): "All connectors and applications must be removed from the connector group before a connector group can be deleted." */
export const GROUP_NOT_EMPTY_MESSAGE = "All connectors and applications must be removed from the connector group before a connector group can be deleted.";

/** The id of a tenant's Default connector group: stable, so the lab's connector install and this store agree. */
export function defaultConnectorGroupId(tenantId: string): string {
  return stableGuid(`certlab:appproxy:default-connector-group:${tenantId.toLowerCase()}`);
}

/** The connector group region that matches a tenant's country (Graph picks the closest region when none is given). */
export function regionForCountry(country: string): "nam" | "eur" | "aus" | "asia" | "ind" {
  const c = country.toUpperCase();
  if (["US", "CA", "MX", "BR", "AR", "CL", "CO"].includes(c)) return "nam";
  if (["AU", "NZ"].includes(c)) return "aus";
  if (c === "IN") return "ind";
  if (["JP", "KR", "CN", "SG", "HK", "TW", "MY", "TH", "ID", "PH", "VN"].includes(c)) return "asia";
  return "eur";
}

/**
 * The tenant's Default connector group, created when missing. Every tenant has exactly one ("If you don't create
 * connector groups, all your connectors will be part of the default group"). Exported for the lab's connector install.
 */
export async function ensureDefaultConnectorGroup(db: Db | Tx, tenantId: string): Promise<ConnectorGroup> {
  const existing = await db.connectorGroup.findFirst({ where: { tenantId, isDefault: true }, orderBy: { createdDateTime: "asc" } });
  if (existing) return existing;
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  const id = defaultConnectorGroupId(tenantId);
  try {
    return await db.connectorGroup.create({ data: { id, tenantId, name: DEFAULT_GROUP_NAME, isDefault: true, region: regionForCountry(tenant.countryLetterCode) } });
  } catch {
    // Created concurrently by another request.
    return db.connectorGroup.findUniqueOrThrow({ where: { id } });
  }
}

type ServerFacts = {
  services?: { name?: string; displayName?: string; status?: string }[];
  network?: { outbound443?: boolean; tlsInspection?: boolean };
};

const CONNECTOR_SERVICE = /(application proxy|private network) connector/i;

/**
 * Active / Inactive from the lab server the connector runs on: the "Microsoft Entra private network connector"
 * service running and outbound 443 allowed without TLS inspection (the same reading as store/lab/snapshot.ts). A
 * connector without server facts in the lab is Active (it registered).
 */
export function statusFromServer(data: ServerFacts | undefined): ConnectorStatus {
  if (!data) return "active";
  if (data.network?.outbound443 === false || data.network?.tlsInspection === true) return "inactive";
  if (Array.isArray(data.services)) {
    const svc = data.services.find((s) => CONNECTOR_SERVICE.test(s.displayName ?? s.name ?? "") && !/updater/i.test(s.displayName ?? s.name ?? ""));
    const byName = data.services.find((s) => s.name === "WAPCSvc");
    const service = svc ?? byName;
    if (!service || service.status !== "running") return "inactive";
  }
  return "active";
}

/** The lab servers (LabObject kind "server", by id or name) the connectors run on, as parsed JSON. */
export async function labServersOf(db: Db | Tx, tenantId: string, serverIds: string[]): Promise<Map<string, ServerFacts & Record<string, unknown>>> {
  const ids = [...new Set(serverIds.filter(Boolean))];
  const out = new Map<string, ServerFacts & Record<string, unknown>>();
  if (ids.length === 0) return out;
  // Every server of the lab (a handful), those named by id or by name kept: the read fast path has no OR.
  const rows = (await findRows(db, "labObject", { where: { tenantId, kind: "server" }, select: { id: true, name: true, data: true } })).filter(
    (r) => ids.includes(r.id) || ids.includes(r.name),
  );
  for (const row of rows) {
    const data = jsonObject(row.data) as ServerFacts & Record<string, unknown>;
    const dataId = typeof data.id === "string" ? data.id : undefined;
    for (const key of [row.id, row.name, dataId]) if (key && ids.includes(key)) out.set(key, data);
  }
  return out;
}

export async function withStatus(db: Db | Tx, tenantId: string, rows: AppProxyConnector[]): Promise<ConnectorRow[]> {
  const servers = await labServersOf(db, tenantId, rows.map((r) => r.serverId));
  return rows.map((r) => ({ ...r, status: statusFromServer(servers.get(r.serverId)) }));
}

const groupView = (g: ConnectorGroup) => ({ name: g.name, region: g.region });

export class ConnectorsStore extends StoreBase {
  // ── connector groups ────────────────────────────────────────────────────────────────────────────────────────

  async defaultGroup(): Promise<ConnectorGroup> {
    return ensureDefaultConnectorGroup(this.db, this.tenantId);
  }

  async listGroups(): Promise<ConnectorGroup[]> {
    await this.defaultGroup();
    return this.db.connectorGroup.findMany({ where: { tenantId: this.tenantId }, orderBy: [{ isDefault: "desc" }, { name: "asc" }, { id: "asc" }] });
  }

  async getGroup(id: string): Promise<ConnectorGroup> {
    await this.defaultGroup();
    const group = await this.db.connectorGroup.findFirst({ where: { id: requireGuid(id), tenantId: this.tenantId } });
    if (!group) throw notFound(id);
    return group;
  }

  private async assertUniqueName(tx: Tx, name: string, exceptId?: string): Promise<void> {
    const groups = await tx.connectorGroup.findMany({ where: { tenantId: this.tenantId }, select: { id: true, name: true } });
    if (groups.some((g) => g.id !== exceptId && g.name.toLowerCase() === name.toLowerCase())) {
      throw new AppError("badRequest", `A connector group named '${name}' already exists in this directory. Connector group names must be unique.`, {
        details: [{ code: "InvalidField", target: "name", message: `A connector group named '${name}' already exists.` }],
      });
    }
  }

  async createGroup(input: TConnectorGroupCreate): Promise<ConnectorGroup> {
    const def = await this.defaultGroup();
    return this.write(async (tx) => {
      await this.assertUniqueName(tx, input.name);
      const group = await tx.connectorGroup.create({
        data: { id: randomUUID(), tenantId: this.tenantId, name: input.name, region: input.region ?? def.region ?? "nam", isDefault: false },
      });
      return {
        result: group,
        audit: {
          activityDisplayName: "Add connector group",
          category: "ApplicationManagement",
          operationType: "Add",
          loggedByService: "Application Proxy",
          targets: [{ type: "ConnectorGroup", id: group.id, displayName: group.name, modifiedProperties: diff({}, groupView(group), ["name", "region"]) }],
        },
      };
    });
  }

  private async groupUsage(tx: Db | Tx, group: ConnectorGroup): Promise<{ connectors: number; applications: number }> {
    const inGroup = group.isDefault ? { OR: [{ connectorGroupId: group.id }, { connectorGroupId: null }] } : { connectorGroupId: group.id };
    const connectors = await tx.appProxyConnector.count({ where: { tenantId: this.tenantId, ...inGroup } });
    const apps = await tx.application.findMany({ where: { tenantId: this.tenantId, ...inGroup }, select: { data: true } });
    const applications = apps.filter((a) => (jsonObject(a.data).onPremisesPublishing ?? null) !== null).length;
    return { connectors, applications };
  }

  async updateGroup(id: string, patch: TConnectorGroupUpdate): Promise<ConnectorGroup> {
    const current = await this.getGroup(id);
    return this.write(async (tx) => {
      if (patch.name !== undefined) await this.assertUniqueName(tx, patch.name, current.id);
      if (patch.region !== undefined && patch.region !== current.region) {
        const usage = await this.groupUsage(tx, current);
        if (usage.connectors > 0 || usage.applications > 0) {
          throw new AppError("badRequest", `The region of the connector group '${current.name}' can be changed only while it has no connectors and no applications (it has ${usage.connectors} connector(s) and ${usage.applications} application(s)).`, {
            details: [{ code: "InvalidField", target: "region", message: "The region can be set only while the group has no connectors or applications." }],
          });
        }
      }
      const updated = await tx.connectorGroup.update({
        where: { id: current.id },
        data: { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.region !== undefined ? { region: patch.region } : {}) },
      });
      return {
        result: updated,
        audit: {
          activityDisplayName: "Update connector group",
          category: "ApplicationManagement",
          operationType: "Update",
          loggedByService: "Application Proxy",
          targets: [{ type: "ConnectorGroup", id: updated.id, displayName: updated.name, modifiedProperties: diff(groupView(current), groupView(updated), ["name", "region"]) }],
        },
      };
    });
  }

  async deleteGroup(id: string): Promise<void> {
    const current = await this.getGroup(id);
    if (current.isDefault) {
      throw new AppError("badRequest", `The '${current.name}' connector group is the directory's default connector group and can't be deleted.`);
    }
    await this.write(async (tx) => {
      const usage = await this.groupUsage(tx, current);
      if (usage.connectors > 0 || usage.applications > 0) {
        throw new AppError("badRequest", `${GROUP_NOT_EMPTY_MESSAGE} '${current.name}' has ${usage.connectors} connector(s) and ${usage.applications} application(s).`);
      }
      await tx.connectorGroup.delete({ where: { id: current.id } });
      return {
        result: undefined,
        audit: {
          activityDisplayName: "Delete connector group",
          category: "ApplicationManagement",
          operationType: "Delete",
          loggedByService: "Application Proxy",
          targets: [{ type: "ConnectorGroup", id: current.id, displayName: current.name }],
        },
      };
    });
  }

  // ── connectors ──────────────────────────────────────────────────────────────────────────────────────────────

  async listConnectors(groupId?: string): Promise<ConnectorRow[]> {
    let where: Record<string, unknown> = { tenantId: this.tenantId };
    if (groupId !== undefined) {
      const group = await this.getGroup(groupId);
      where = { ...where, ...(group.isDefault ? { OR: [{ connectorGroupId: group.id }, { connectorGroupId: null }] } : { connectorGroupId: group.id }) };
    }
    const rows = await this.db.appProxyConnector.findMany({ where, orderBy: [{ machineName: "asc" }, { id: "asc" }] });
    return withStatus(this.db, this.tenantId, rows);
  }

  async getConnector(id: string): Promise<ConnectorRow> {
    const row = await this.db.appProxyConnector.findFirst({ where: { id: requireGuid(id), tenantId: this.tenantId } });
    if (!row) throw notFound(id);
    return (await withStatus(this.db, this.tenantId, [row]))[0]!;
  }

  /** The connector's group (`memberOf`): its own, or the Default group. */
  async groupOfConnector(id: string): Promise<ConnectorGroup> {
    const connector = await this.getConnector(id);
    if (connector.connectorGroupId) {
      const g = await this.db.connectorGroup.findFirst({ where: { id: connector.connectorGroupId, tenantId: this.tenantId } });
      if (g) return g;
    }
    return this.defaultGroup();
  }

  /** POST connectors/{id}/memberOf/$ref and connectorGroups/{id}/members/$ref: moves the connector into the group. */
  async moveConnector(connectorId: string, groupId: string): Promise<void> {
    const connector = await this.getConnector(connectorId);
    const group = await this.getGroup(groupId);
    const from = await this.groupOfConnector(connector.id);
    await this.write(async (tx) => {
      await tx.appProxyConnector.update({ where: { id: connector.id }, data: { connectorGroupId: group.id } });
      return {
        result: undefined,
        audit: {
          activityDisplayName: "Move connector to connector group",
          category: "ApplicationManagement",
          operationType: "Assign",
          loggedByService: "Application Proxy",
          targets: [
            { type: "Connector", id: connector.id, displayName: connector.machineName, modifiedProperties: [{ displayName: "ConnectorGroup", oldValue: from.name, newValue: group.name }] },
            { type: "ConnectorGroup", id: group.id, displayName: group.name },
          ],
        },
      };
    });
  }
}
