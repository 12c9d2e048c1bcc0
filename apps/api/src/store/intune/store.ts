// Intune device configurations of the signed-in tenant: the trusted certificate and SCEP profiles, their
// assignments, and the certificate connectors. Every write runs in one transaction with its audit line
// (category "Policy", logged by "Intune", as Intune's audit logs name them).
import { randomUUID } from "node:crypto";
import {
  applyProfilePatch,
  isScepType,
  isTrustedRootType,
  parseDeviceConfigurationRef,
  profileTypeInfo,
  rootTypeFor,
  storedFromCreate,
  ROOT_CERTIFICATE_BIND,
  type StoredProfile,
  type TDeviceConfigurationCreate,
  type TProfileType,
  type TScepType,
} from "@certlab/domain/intune/profiles";
import {
  assignmentId,
  normalizeTarget,
  targetGroupId,
  targetKind,
  type TAssignmentTarget,
  type TAssignmentTargetInput,
} from "@certlab/domain/intune/assignments";
import type { Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { AuditEntry, ModifiedProperty } from "../audit.ts";
import { diff } from "../audit.ts";
import { StoreBase } from "../base.ts";
import { checkIfMatch, concurrentChange } from "../etag.ts";
import { isGuid } from "../ids.ts";
import { CERTIFICATE_FACTS_KEY, requireTrustedCertificate } from "./certificate.ts";
import { connectorViews, generationOf, type ConnectorGeneration, type ConnectorView } from "./connectors.ts";
import { storedOf, targetOf, type AssignmentRow, type ProfileRow } from "./rows.ts";

const POLICY = { category: "Policy", loggedByService: "Intune" } as const;

/** The base properties an audit line compares, beside the type's own settings. */
const auditView = (p: StoredProfile): Record<string, unknown> => {
  const { [CERTIFICATE_FACTS_KEY]: _facts, ...settings } = p.settings;
  return { displayName: p.displayName, description: p.description, roleScopeTagIds: p.roleScopeTagIds, rootCertificateId: p.rootCertificateId, ...settings };
};
const auditKeys = (a: StoredProfile, b?: StoredProfile) => [...new Set([...Object.keys(auditView(a)), ...(b ? Object.keys(auditView(b)) : [])])];

function profileTarget(p: StoredProfile, modifiedProperties?: ModifiedProperty[]) {
  return { type: "DeviceConfiguration", id: p.id, displayName: p.displayName, ...(modifiedProperties ? { modifiedProperties } : {}) };
}

function bindError(message: string): AppError {
  return new AppError("badRequest", `Invalid request body. ${ROOT_CERTIFICATE_BIND}: ${message}`, {
    details: [{ code: "InvalidField", target: ROOT_CERTIFICATE_BIND, message }],
  });
}

export type { ConnectorView };

export class IntuneStore extends StoreBase {
  // ------------------------------------------------------------------------------------------ profiles

  async listProfiles(): Promise<StoredProfile[]> {
    const rows = await this.db.deviceConfiguration.findMany({ where: { tenantId: this.tenantId }, orderBy: [{ createdDateTime: "asc" }, { id: "asc" }] });
    return rows.map(storedOf);
  }

  private async row(tx: Tx, id: string): Promise<ProfileRow> {
    const row = isGuid(id) ? await tx.deviceConfiguration.findFirst({ where: { id: id.toLowerCase(), tenantId: this.tenantId } }) : null;
    if (!row) throw notFound(id);
    return row;
  }

  async getProfile(id: string): Promise<StoredProfile> {
    return storedOf(await this.row(this.db, id));
  }

  /** Several profiles by id (for $expand), those of this tenant only. */
  async profilesById(ids: string[]): Promise<Map<string, StoredProfile>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.deviceConfiguration.findMany({ where: { tenantId: this.tenantId, id: { in: ids } } });
    return new Map(rows.map((r) => [r.id, storedOf(r)]));
  }

  /** The trusted certificate profile a SCEP profile of `scepType` may reference: same tenant, matching platform. */
  private async requireRoot(tx: Tx, scepType: TScepType, rootId: string): Promise<ProfileRow> {
    const want = rootTypeFor(scepType);
    const root = isGuid(rootId) ? await tx.deviceConfiguration.findFirst({ where: { id: rootId.toLowerCase(), tenantId: this.tenantId } }) : null;
    if (!root) throw bindError(`trusted certificate profile '${rootId}' does not exist.`);
    if (root.odataType !== want) {
      const info = profileTypeInfo(want);
      throw bindError(
        `'${root.displayName}' is a #${root.odataType}; a #${scepType} needs a ${info?.listedPlatformDisplayName ?? ""} trusted certificate profile (#${want}).`,
      );
    }
    return root;
  }

  private bindTarget(odataType: TProfileType, bind: unknown): string | undefined {
    if (bind === undefined) return undefined;
    if (!isScepType(odataType)) throw bindError(`#${odataType} has no rootCertificate navigation property.`);
    const id = typeof bind === "string" ? parseDeviceConfigurationRef(bind) : undefined;
    if (!id) throw bindError("must reference a trusted certificate profile: https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations('<id>')");
    return id;
  }

  async createProfile(body: TDeviceConfigurationCreate): Promise<StoredProfile> {
    const now = new Date();
    const stored = storedFromCreate(body, { id: randomUUID(), now: now.toISOString() });
    const raw = body as Record<string, unknown>;
    if (isTrustedRootType(stored.odataType)) stored.settings[CERTIFICATE_FACTS_KEY] = requireTrustedCertificate(String(raw.trustedRootCertificate ?? ""));
    const bindId = this.bindTarget(stored.odataType, raw[ROOT_CERTIFICATE_BIND]);
    return this.write(async (tx) => {
      if (bindId) stored.rootCertificateId = (await this.requireRoot(tx, stored.odataType as TScepType, bindId)).id;
      await tx.deviceConfiguration.create({
        data: {
          id: stored.id,
          tenantId: this.tenantId,
          odataType: stored.odataType,
          displayName: stored.displayName,
          description: stored.description,
          settings: JSON.stringify(stored.settings),
          rootCertificateId: stored.rootCertificateId,
          roleScopeTagIds: JSON.stringify(stored.roleScopeTagIds),
          version: 1,
          createdDateTime: now,
          lastModifiedDateTime: now,
        },
      });
      return {
        result: stored,
        audit: { activityDisplayName: "Create DeviceConfiguration", operationType: "Add", ...POLICY, targets: [profileTarget(stored, diff({}, auditView(stored), auditKeys(stored)))] },
      };
    });
  }

  /** PATCH: `patch` was parsed with the type's strict patch schema. */
  async updateProfile(id: string, patch: Record<string, unknown>, ifMatch?: string): Promise<StoredProfile> {
    const current = await this.getProfile(id);
    checkIfMatch(ifMatch, current.version);
    const bindId = this.bindTarget(current.odataType, patch[ROOT_CERTIFICATE_BIND]);
    const facts = typeof patch.trustedRootCertificate === "string" ? requireTrustedCertificate(patch.trustedRootCertificate) : undefined;
    return this.write(async (tx) => {
      const now = new Date();
      const next = applyProfilePatch(current, patch, now.toISOString());
      if (bindId) next.rootCertificateId = (await this.requireRoot(tx, current.odataType as TScepType, bindId)).id;
      if (facts) next.settings[CERTIFICATE_FACTS_KEY] = facts;
      await this.save(tx, current, next, now);
      return {
        result: next,
        audit: { activityDisplayName: "Patch DeviceConfiguration", operationType: "Update", ...POLICY, targets: [profileTarget(next, diff(auditView(current), auditView(next), auditKeys(current, next)))] },
      };
    });
  }

  private async save(tx: Tx, current: StoredProfile, next: StoredProfile, now: Date): Promise<void> {
    const res = await tx.deviceConfiguration.updateMany({
      where: { id: current.id, tenantId: this.tenantId, version: current.version },
      data: {
        displayName: next.displayName,
        description: next.description,
        settings: JSON.stringify(next.settings),
        rootCertificateId: next.rootCertificateId,
        roleScopeTagIds: JSON.stringify(next.roleScopeTagIds),
        version: next.version,
        lastModifiedDateTime: now,
      },
    });
    if (res.count !== 1) throw concurrentChange();
  }

  /** Sets (or with null clears) a SCEP profile's rootCertificate: PUT/DELETE …/rootCertificate/$ref. */
  async setRootCertificate(id: string, rootUrl: string | null, ifMatch?: string): Promise<StoredProfile> {
    const current = await this.getProfile(id);
    checkIfMatch(ifMatch, current.version);
    if (!isScepType(current.odataType)) throw new AppError("badRequest", `#${current.odataType} has no rootCertificate navigation property.`);
    const rootId = rootUrl === null ? null : this.bindTarget(current.odataType, rootUrl)!;
    return this.write(async (tx) => {
      const now = new Date();
      const next: StoredProfile = { ...current, version: current.version + 1, lastModifiedDateTime: now.toISOString(), rootCertificateId: null };
      if (rootId) next.rootCertificateId = (await this.requireRoot(tx, current.odataType as TScepType, rootId)).id;
      await this.save(tx, current, next, now);
      return {
        result: next,
        audit: {
          activityDisplayName: "Patch DeviceConfiguration",
          operationType: "Update",
          ...POLICY,
          targets: [profileTarget(next, [{ displayName: "rootCertificateId", oldValue: current.rootCertificateId, newValue: next.rootCertificateId }])],
        },
      };
    });
  }

  /** DELETE: a trusted certificate profile that SCEP profiles use as their Root Certificate answers 409. */
  async deleteProfile(id: string, ifMatch?: string): Promise<void> {
    const current = await this.getProfile(id);
    checkIfMatch(ifMatch, current.version);
    await this.write(async (tx) => {
      const users = await tx.deviceConfiguration.findMany({ where: { tenantId: this.tenantId, rootCertificateId: current.id }, orderBy: { displayName: "asc" } });
      if (users.length > 0) {
        const names = users.map((u) => `'${u.displayName}'`).join(", ");
        throw new AppError(
          "conflict",
          `The trusted certificate profile '${current.displayName}' can't be deleted: it is the Root Certificate of SCEP profile${users.length > 1 ? "s" : ""} ${names}. ` +
            "Select another root certificate in those profiles, or delete them first.",
        );
      }
      await tx.deviceConfigurationAssignment.deleteMany({ where: { tenantId: this.tenantId, deviceConfigurationId: current.id } });
      await tx.deviceConfiguration.delete({ where: { id: current.id } });
      return { result: undefined, audit: { activityDisplayName: "Delete DeviceConfiguration", operationType: "Delete", ...POLICY, targets: [profileTarget(current)] } };
    });
  }

  // ------------------------------------------------------------------------------------------ assignments

  async assignments(profileId: string): Promise<{ profile: StoredProfile; rows: AssignmentRow[] }> {
    const profile = await this.getProfile(profileId);
    const rows = await this.db.deviceConfigurationAssignment.findMany({ where: { tenantId: this.tenantId, deviceConfigurationId: profile.id }, orderBy: { id: "asc" } });
    return { profile, rows };
  }

  async assignment(profileId: string, assignmentIdValue: string): Promise<{ profile: StoredProfile; row: AssignmentRow }> {
    const { profile, rows } = await this.assignments(profileId);
    const row = rows.find((r) => r.id.toLowerCase() === assignmentIdValue.toLowerCase());
    if (!row) throw notFound(assignmentIdValue);
    return { profile, row };
  }

  /** Group targets must name a group of this tenant; `path(i)` names the failing field. */
  private async checkTargets(tx: Tx, targets: TAssignmentTargetInput[], path: (i: number) => string): Promise<void> {
    const ids = targets.map((t) => ("groupId" in t ? t.groupId.toLowerCase() : undefined));
    const wanted = ids.filter((x): x is string => !!x);
    const found = new Set(
      wanted.length ? (await tx.group.findMany({ where: { tenantId: this.tenantId, id: { in: wanted } }, select: { id: true } })).map((g) => g.id) : [],
    );
    const details = ids.flatMap((id, i) =>
      id && !found.has(id) ? [{ code: "InvalidField", target: path(i), message: `'${id}' is not a group of this tenant.` }] : [],
    );
    if (details.length) throw new AppError("badRequest", `Invalid request body. ${details.map((d) => `${d.target}: ${d.message}`).join("; ")}`, { details });
  }

  private assignmentData(profileId: string, target: TAssignmentTarget, intent: string) {
    return { id: assignmentId(profileId, target), tenantId: this.tenantId, deviceConfigurationId: profileId, target: JSON.stringify(target), intent, source: "direct" };
  }

  /** POST …/assignments: one more assignment. */
  async addAssignment(profileId: string, input: { target: TAssignmentTargetInput; intent?: "apply" | "remove" }): Promise<{ profile: StoredProfile; row: AssignmentRow }> {
    const profile = await this.getProfile(profileId);
    return this.write(async (tx) => {
      await this.checkTargets(tx, [input.target], () => "target.groupId");
      const target = normalizeTarget(input.target);
      const data = this.assignmentData(profile.id, target, input.intent ?? "apply");
      if (await tx.deviceConfigurationAssignment.findUnique({ where: { id: data.id } })) {
        throw new AppError("conflict", `The profile is already assigned to ${describeTarget(target)} (assignment '${data.id}').`);
      }
      const row = await tx.deviceConfigurationAssignment.create({ data });
      return { result: { profile, row }, audit: this.assignAudit(profile, [], [target]) };
    });
  }

  async deleteAssignment(profileId: string, assignmentIdValue: string): Promise<void> {
    const { profile, row } = await this.assignment(profileId, assignmentIdValue);
    await this.write(async (tx) => {
      await tx.deviceConfigurationAssignment.delete({ where: { id: row.id } });
      return { result: undefined, audit: this.assignAudit(profile, [targetOf(row)], []) };
    });
  }

  /** POST …/assign: replaces the whole set, as the portal's Assignments page does. */
  async assign(profileId: string, inputs: { target: TAssignmentTargetInput; intent?: "apply" | "remove" }[]): Promise<{ profile: StoredProfile; rows: AssignmentRow[] }> {
    const profile = await this.getProfile(profileId);
    return this.write(async (tx) => {
      await this.checkTargets(tx, inputs.map((a) => a.target), (i) => `assignments[${i}].target.groupId`);
      const before = await tx.deviceConfigurationAssignment.findMany({ where: { tenantId: this.tenantId, deviceConfigurationId: profile.id } });
      await tx.deviceConfigurationAssignment.deleteMany({ where: { tenantId: this.tenantId, deviceConfigurationId: profile.id } });
      const rows: AssignmentRow[] = [];
      for (const a of inputs) rows.push(await tx.deviceConfigurationAssignment.create({ data: this.assignmentData(profile.id, normalizeTarget(a.target), a.intent ?? "apply") }));
      return { result: { profile, rows }, audit: this.assignAudit(profile, before.map(targetOf), rows.map(targetOf)) };
    });
  }

  private assignAudit(profile: StoredProfile, before: TAssignmentTarget[], after: TAssignmentTarget[]): AuditEntry {
    const list = (ts: TAssignmentTarget[]) => ts.map(describeTarget);
    return {
      activityDisplayName: "Assign DeviceConfiguration",
      operationType: "Assign",
      ...POLICY,
      targets: [profileTarget(profile, [{ displayName: "Assignments", oldValue: list(before), newValue: list(after) }])],
    };
  }

  // ------------------------------------------------------------------------------------------ connectors

  async connectors(generation: ConnectorGeneration): Promise<ConnectorView[]> {
    const rows = (await this.db.certificateConnector.findMany({ where: { tenantId: this.tenantId }, orderBy: [{ enrollmentDateTime: "asc" }, { id: "asc" }] })).filter(
      (r) => generationOf(r) === generation,
    );
    return connectorViews(this.db, this.tenantId, rows);
  }

  async connector(generation: ConnectorGeneration, id: string): Promise<ConnectorView> {
    const row = await this.db.certificateConnector.findFirst({ where: { tenantId: this.tenantId, id } });
    if (!row || generationOf(row) !== generation) throw notFound(id);
    return (await connectorViews(this.db, this.tenantId, [row]))[0]!;
  }

  async deleteConnector(generation: ConnectorGeneration, id: string): Promise<void> {
    const { row } = await this.connector(generation, id);
    await this.write(async (tx) => {
      await tx.certificateConnector.delete({ where: { id: row.id } });
      return {
        result: undefined,
        audit: {
          activityDisplayName: generation === "legacy" ? "Delete NdesConnector" : "Delete CertificateConnectorDetails",
          operationType: "Delete",
          category: "Other",
          loggedByService: "Intune",
          targets: [{ type: generation === "legacy" ? "NdesConnector" : "CertificateConnectorDetails", id: row.id, displayName: row.connectorName }],
        },
      };
    });
  }
}

/** "group 93f5… (include)", "All devices" — for audit lines and messages. */
export function describeTarget(t: TAssignmentTarget): string {
  switch (targetKind(t)) {
    case "allDevices":
      return "All devices";
    case "allLicensedUsers":
      return "All users";
    case "exclusionGroup":
      return `exclude group ${targetGroupId(t)}`;
    default:
      return `group ${targetGroupId(t)}`;
  }
}
