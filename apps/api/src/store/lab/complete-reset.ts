// POST /api/lab/reset {"scenario":"complete"} (issue 8): the complete correct setup of packages/domain
// setup/complete-setup.ts loaded into the signed-in tenant in ONE transaction, mapped onto the tenant's own directory
// (its initial domain in the External URL, its own Intune and Application Administrators). The directory additions,
// the Entra application and connector group, the Intune profiles and their assignments are written through the same
// store methods the Graph endpoints use (their validation and save-time checks run, bound to the transaction); the
// lab rows go through replaceLab, made real first (build.ts makeReal: real CA keys, re-issued certificates). The
// trusted certificate profiles hold the real lab root / issuing CA certificate (base64 DER, as uploading the
// certutil -ca.cert export would). A failure anywhere rolls everything back.
//
// Issue 11 generalises the writer: loadCompleteSetup takes a TARGET snapshot (the plan's snapshot with a scenario's
// fault patches applied, apps/api/src/scenarios/load.ts) and writes that: the lab as the target has it, the Intune
// profiles and assignments of target.intune, the Entra applications and connector groups of target.entra, and the
// directory differences between the plan and the target (licences, role assignments, group memberships, accounts
// enabled or disabled, users or groups removed). resetToCompleteSetup is the same with no patch.
import { randomBytes, randomUUID } from "node:crypto";
import { completeSetupPlan, COMPLETE_SETUP, type CompleteSetupPlan } from "@certlab/domain/setup/complete-setup";
import { profileCreateBody } from "@certlab/domain/intune/builders";
import { TRUSTED_ROOT_TYPES } from "@certlab/domain/intune/profiles";
import type { TenantSnapshot } from "@certlab/domain/rules/snapshot";
import { CUSTOM_APPLICATION_TEMPLATE_ID } from "@certlab/domain/entra/on-premises-publishing";
import { ZDeviceConfigurationCreate } from "@certlab/domain/intune/profiles";
import { ZApplicationPatch, ZOnPremisesPublishingPatch } from "@certlab/domain/entra/on-premises-publishing";
import type { Db, Tx } from "../../db/client.ts";
import type { Principal } from "../../http/context.ts";
import { parseBody } from "../../http/validate.ts";
import { recordAudit } from "../audit.ts";
import { EntraStore } from "../entra/index.ts";
import { GroupsStore } from "../groups.ts";
import { IntuneStore } from "../intune/store.ts";
import { RolesStore } from "../roles.ts";
import { tenantSnapshot } from "../snapshot.ts";
import { UsersStore } from "../users.ts";
import { makeReal, type LabSeed } from "./build.ts";
import { replaceLab } from "./lab-store.ts";
import type { LabDraft } from "./state.ts";

/** Prisma's interactive transactions default to 5 s; the complete setup writes ~100 rows (slow CI, PostgreSQL). */
const TRANSACTION_OPTIONS = { timeout: 60_000, maxWait: 20_000 } as const;

/** The stores of one tenant, every one bound to `tx`. */
export function storesIn(tx: Tx, principal: Principal, requestId: string) {
  const t = { tx };
  const db = tx as Db;
  return {
    users: new UsersStore(db, principal, requestId, t),
    groups: new GroupsStore(db, principal, requestId, t),
    roles: new RolesStore(db, principal, requestId, t),
    entra: new EntraStore(db, principal, requestId, t),
    intune: new IntuneStore(db, principal, requestId, t),
  };
}

/** A password meeting Entra's complexity rules, for an account the setup creates (an admin resets it to sign in; it
 * is never shown, so the store keeps no hash of it: UsersStore.create passwordDiscarded). */
function randomPassword(): string {
  return `Cl-${randomBytes(12).toString("base64url")}-9a`;
}

/**
 * Removes what the setup replaces: the tenant's certificate profiles, applications and non-default connector groups.
 * Also what a guide's restart from a fresh lab clears, so no Intune or Entra step is left ticked from before.
 */
export async function clearSections(tx: Tx, tenantId: string): Promise<void> {
  await tx.deviceConfigurationAssignment.deleteMany({ where: { tenantId } });
  await tx.deviceConfiguration.deleteMany({ where: { tenantId } });
  const apps = await tx.application.findMany({ where: { tenantId }, select: { appId: true } });
  const sps = await tx.servicePrincipal.findMany({ where: { tenantId, appId: { in: apps.map((a) => a.appId) } }, select: { id: true } });
  await tx.appRoleAssignment.deleteMany({ where: { tenantId, resourceId: { in: sps.map((s) => s.id) } } });
  await tx.servicePrincipal.deleteMany({ where: { id: { in: sps.map((s) => s.id) } } });
  await tx.application.deleteMany({ where: { tenantId } });
  // Connectors first (replaceLab deletes them too): a connector group can only go once it is empty.
  await tx.appProxyConnector.deleteMany({ where: { tenantId } });
  await tx.connectorGroup.deleteMany({ where: { tenantId, isDefault: false } });
}

/** Writes the plan's directory additions; returns the setup's ids → the rows' ids (users, the SCEP group). */
async function writeDirectory(tx: Tx, s: ReturnType<typeof storesIn>, tenantId: string, plan: CompleteSetupPlan): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  for (const sku of plan.directory.subscribedSkus)
    await tx.subscribedSku.create({ data: { id: `${tenantId}_${sku.skuId}`, tenantId, skuId: sku.skuId, skuPartNumber: sku.skuPartNumber, enabledUnits: 25 } });
  for (const u of plan.directory.users) {
    const row = await s.users.create({
      accountEnabled: true,
      displayName: u.displayName,
      mailNickname: u.userPrincipalName.split("@")[0]!,
      userPrincipalName: u.userPrincipalName,
      passwordProfile: { password: randomPassword(), forceChangePasswordNextSignIn: true },
      usageLocation: tenant.countryLetterCode,
    }, { passwordDiscarded: true }); // the random password is never shown: no scrypt for it (2 per load)
    ids.set(u.id, row.id);
  }
  const real = (id: string) => ids.get(id) ?? id;
  for (const r of plan.directory.roleAssignments) await s.roles.assign({ principalId: real(r.principalId), roleDefinitionId: r.roleDefinitionId, directoryScopeId: "/" });
  for (const l of plan.directory.licences) {
    const user = await s.users.get(real(l.userId));
    // Entra assigns licences only to users with a usage location: the tenant's country, as the admin center suggests.
    if (!user.usageLocation) await s.users.update(user.id, { usageLocation: tenant.countryLetterCode });
    await s.users.assignLicense(user.id, { addLicenses: [{ skuId: l.skuId, disabledPlans: [] }], removeLicenses: [] });
  }
  const g = plan.directory.scepGroup;
  if (g.isNew) {
    const row = await s.groups.create({ displayName: g.displayName, mailEnabled: false, mailNickname: g.mailNickname, securityEnabled: true, description: g.description });
    ids.set(g.id, row.id);
  }
  for (const m of plan.directory.groupMembers) await s.groups.addMember(real(m.groupId), real(m.memberId));
  return ids;
}

/** What loadCompleteSetup writes besides the plan: the target snapshot, and steps run inside the same transaction. */
export type SetupLoad = {
  /** The snapshot to write, derived from the plan (default: the plan's own snapshot, i.e. the complete setup). */
  target?: (plan: CompleteSetupPlan) => TenantSnapshot;
  /** Runs last inside the transaction (e.g. recording the active scenario). */
  inTransaction?: (tx: Tx, plan: CompleteSetupPlan, target: TenantSnapshot) => Promise<void>;
  audit?: { activityDisplayName: string; properties: { displayName: string; newValue: unknown }[] };
};

/** Applies the directory differences between what the plan wrote and the target (faults on the directory). */
async function writeDirectoryDifferences(tx: Tx, s: ReturnType<typeof storesIn>, tenantId: string, planned: TenantSnapshot["directory"], target: TenantSnapshot["directory"], real: (id: string) => string): Promise<void> {
  const targetUsers = new Map(target.users.map((u) => [u.id, u]));
  for (const u of planned.users) {
    const t = targetUsers.get(u.id);
    if (!t) {
      await s.users.delete(real(u.id));
      continue;
    }
    const patch: Record<string, unknown> = {};
    if (t.accountEnabled !== u.accountEnabled) patch.accountEnabled = t.accountEnabled;
    if (t.displayName !== u.displayName) patch.displayName = t.displayName;
    if (Object.keys(patch).length) await s.users.update(real(u.id), patch);
    const had = new Set(u.assignedLicenses.map((l) => l.skuId.toLowerCase()));
    const wants = new Set(t.assignedLicenses.map((l) => l.skuId.toLowerCase()));
    const removeLicenses = u.assignedLicenses.filter((l) => !wants.has(l.skuId.toLowerCase())).map((l) => l.skuId);
    const addLicenses = t.assignedLicenses.filter((l) => !had.has(l.skuId.toLowerCase())).map((l) => ({ skuId: l.skuId, disabledPlans: l.disabledPlans ?? [] }));
    if (removeLicenses.length || addLicenses.length) await s.users.assignLicense(real(u.id), { addLicenses, removeLicenses });
  }
  const key = (r: { principalId: string; roleDefinitionId: string }) => `${r.principalId}|${r.roleDefinitionId.toLowerCase()}`;
  const targetRoles = new Set(target.roleAssignments.map(key));
  const plannedRoles = new Set(planned.roleAssignments.map(key));
  for (const r of planned.roleAssignments) {
    const userRemoved = planned.users.some((u) => u.id === r.principalId) && !targetUsers.has(r.principalId);
    if (targetRoles.has(key(r)) || userRemoved) continue; // a removed user's assignments went with it
    const row = await tx.roleAssignment.findFirst({ where: { tenantId, principalId: real(r.principalId), roleDefinitionId: { in: [r.roleDefinitionId, r.roleDefinitionId.toLowerCase()] } } });
    if (row) await s.roles.unassign(row.id);
  }
  for (const r of target.roleAssignments) if (!plannedRoles.has(key(r))) await s.roles.assign({ principalId: real(r.principalId), roleDefinitionId: r.roleDefinitionId, directoryScopeId: "/" });
  const mkey = (m: { groupId: string; memberId: string }) => `${m.groupId}|${m.memberId}`;
  const targetMembers = new Set(target.groupMembers.map(mkey));
  const plannedMembers = new Set(planned.groupMembers.map(mkey));
  const targetGroups = new Set(target.groups.map((g) => g.id));
  for (const m of planned.groupMembers)
    if (!targetMembers.has(mkey(m)) && targetGroups.has(m.groupId) && targetUsers.has(m.memberId)) await s.groups.removeMember(real(m.groupId), real(m.memberId));
  for (const m of target.groupMembers) if (!plannedMembers.has(mkey(m))) await s.groups.addMember(real(m.groupId), real(m.memberId));
  for (const g of planned.groups) if (!targetGroups.has(g.id)) await s.groups.delete(real(g.id));
}

const PUBLISHING_KEYS = Object.keys(ZOnPremisesPublishingPatch.shape).filter(
  (k) => !["applicationType", "isOnPremPublishingEnabled", "verifiedCustomDomainCertificatesMetadata", "verifiedCustomDomainKeyCredential", "verifiedCustomDomainPasswordCredential"].includes(k),
);

/** The Entra side (seed 000): connector groups, then each application published as the portal does it. */
async function writeEntra(s: ReturnType<typeof storesIn>, target: TenantSnapshot, callerRoleIds: readonly string[]): Promise<Map<string, string>> {
  const groups = new Map<string, string>();
  const entra = target.entra;
  if (!entra) return groups;
  for (const g of entra.connectorGroups) {
    if (g.isDefault) groups.set(g.id, (await s.entra.connectors.defaultGroup()).id);
    else groups.set(g.id, (await s.entra.connectors.createGroup({ name: g.name, region: g.region ?? undefined })).id);
  }
  for (const app of entra.applications) {
    const { application } = await s.entra.applications.instantiate(app.displayName, CUSTOM_APPLICATION_TEMPLATE_ID);
    const p = app.onPremisesPublishing;
    if (p) {
      // §8.5 steps 2–3 as the portal sends them: identifier URI and home page first, then onPremisesPublishing.
      const step2 = parseBody(ZApplicationPatch, { identifierUris: [p.externalUrl.replace(/\/$/, "")], web: { homePageUrl: p.externalUrl, redirectUris: [p.externalUrl] } });
      await s.entra.applications.update(application.id, step2, { callerRoleIds });
      const publishing = Object.fromEntries(PUBLISHING_KEYS.filter((k) => (p as Record<string, unknown>)[k] !== undefined).map((k) => [k, (p as Record<string, unknown>)[k]]));
      await s.entra.applications.update(application.id, parseBody(ZApplicationPatch, { onPremisesPublishing: publishing }), { callerRoleIds });
    }
    const groupId = app.connectorGroupId ? groups.get(app.connectorGroupId) : undefined;
    if (groupId) await s.entra.applications.setConnectorGroup(application.id, groupId, callerRoleIds);
    if (app.maintenanceMode) await s.entra.applications.setMaintenanceMode(application.id, true, callerRoleIds);
  }
  return groups;
}

/** The private network connectors' groups: the Entra view's when a patch moved it there, else the lab's. */
async function placeAppProxyConnectors(tx: Tx, tenantId: string, plan: CompleteSetupPlan, target: TenantSnapshot, groups: Map<string, string>): Promise<void> {
  const lab = target.lab;
  if (!lab) return;
  for (const c of lab.appProxyConnectors) {
    const planned = plan.snapshot.entra?.connectors.find((e) => e.serverId === c.serverId)?.connectorGroupId ?? c.connectorGroupId;
    const viaEntra = target.entra?.connectors.find((e) => e.serverId === c.serverId)?.connectorGroupId;
    const chosen = viaEntra !== undefined && viaEntra !== planned ? viaEntra : c.connectorGroupId;
    const machineName = lab.servers.find((x) => x.id === c.serverId)?.fqdn;
    if (!machineName) continue;
    const groupId = chosen ? (groups.get(chosen) ?? null) : null;
    await tx.appProxyConnector.updateMany({ where: { tenantId, machineName }, data: { connectorGroupId: groupId } });
  }
}

/** The Intune side (seed 001): trusted certificate profiles with the real CA certificates, SCEP profiles, assignments. */
async function writeIntune(s: ReturnType<typeof storesIn>, plan: CompleteSetupPlan, target: TenantSnapshot, certificates: Map<string, string>, caOfThumbprint: Map<string, string>, ids: Map<string, string>): Promise<number> {
  const intune = target.intune;
  if (!intune) return 0;
  const trustedTypes = new Set<string>(Object.values(TRUSTED_ROOT_TYPES));
  const planCa = new Map(plan.profiles.map((p) => [p.profile.id, p.caId]));
  const created = new Map<string, string>();
  // Trusted certificate profiles first: SCEP profiles bind to them.
  const ordered = [...intune.profiles.filter((p) => trustedTypes.has(p.odataType)), ...intune.profiles.filter((p) => !trustedTypes.has(p.odataType))];
  for (const p of ordered) {
    const caId = p.certificate ? (caOfThumbprint.get(p.certificate.thumbprint) ?? planCa.get(p.id)) : planCa.get(p.id);
    const body = profileCreateBody(p, {
      rootId: p.rootCertificateId ? (created.get(p.rootCertificateId) ?? p.rootCertificateId) : undefined,
      trustedRootCertificate: caId ? certificates.get(caId) : undefined,
    });
    const stored = await s.intune.createProfile(parseBody(ZDeviceConfigurationCreate, body));
    created.set(p.id, stored.id);
  }
  const byProfile = new Map<string, Record<string, unknown>[]>();
  for (const a of intune.assignments) {
    if (!created.has(a.profileId)) continue;
    const t = { ...(a.target as Record<string, unknown>) };
    if (typeof t.groupId === "string") t.groupId = ids.get(t.groupId) ?? t.groupId;
    byProfile.set(a.profileId, [...(byProfile.get(a.profileId) ?? []), t]);
  }
  for (const [profileId, targets] of byProfile)
    await s.intune.assign(created.get(profileId)!, targets.map((target) => ({ target: target as never })));
  return created.size;
}

/**
 * Loads the complete correct setup, or a target derived from it (a scenario's faults), into the principal's tenant
 * in one transaction; the previous lab, profiles, applications and connector groups are replaced.
 */
export async function loadCompleteSetup(db: Db, principal: Principal, requestId: string, load: SetupLoad = {}): Promise<LabDraft> {
  const tenantId = principal.tenantId;
  const current = await tenantSnapshot(db, tenantId);
  const plan = completeSetupPlan({ base: { tenant: current.tenant, directory: current.directory }, newId: randomUUID });
  const target = load.target ? load.target(plan) : structuredClone(plan.snapshot);
  const lab = structuredClone(target.lab ?? plan.snapshot.lab!);
  delete lab.asOf;
  // Which lab CA each (builder) certificate thumbprint belongs to, before makeReal gives the CAs real certificates.
  const caOfThumbprint = new Map(lab.cas.map((c) => [c.certificate.thumbprint, c.id]));
  // Keys and certificates are made before the transaction: it only writes.
  const seed: LabSeed = await makeReal(lab);
  const certificates = new Map([...seed.materials].map(([caId, m]) => [caId, m.certificateDerBase64]));

  return db.$transaction(async (tx) => {
    const s = storesIn(tx, principal, requestId);
    await clearSections(tx, tenantId);
    const ids = await writeDirectory(tx, s, tenantId, plan);
    const real = (id: string) => ids.get(id) ?? id;
    await writeDirectoryDifferences(tx, s, tenantId, plan.snapshot.directory, target.directory, real);
    const groups = await writeEntra(s, target, principal.roleIds);
    const d = await replaceLab(tx, tenantId, seed, { appProxyConnectorGroupId: groups.get(COMPLETE_SETUP.ids.connectorGroup) });
    await placeAppProxyConnectors(tx, tenantId, plan, target, groups);
    const profiles = await writeIntune(s, plan, target, certificates, caOfThumbprint, ids);
    await load.inTransaction?.(tx, plan, target);
    await recordAudit(tx, { tenantId, principal, requestId }, {
      activityDisplayName: load.audit?.activityDisplayName ?? "Reset lab to the complete correct setup",
      category: "Lab",
      operationType: "Update",
      loggedByService: "Certlab lab",
      targets: [
        {
          type: "lab",
          id: tenantId,
          displayName: lab.forest.name,
          modifiedProperties: [
            ...(load.audit?.properties ?? [{ displayName: "scenario", newValue: "complete" }]).map((p) => ({ displayName: p.displayName, oldValue: null, newValue: p.newValue })),
            { displayName: "externalUrl", oldValue: null, newValue: plan.externalUrl },
            { displayName: "profiles", oldValue: null, newValue: profiles },
            { displayName: "addedUsers", oldValue: null, newValue: plan.directory.users.map((u) => u.userPrincipalName) },
          ],
        },
      ],
    });
    return d;
  }, TRANSACTION_OPTIONS);
}

/** Loads the complete correct setup into the principal's tenant (POST /api/lab/reset {"scenario":"complete"}); the
 * tenant then has no active scenario. */
export async function resetToCompleteSetup(db: Db, principal: Principal, requestId: string): Promise<LabDraft> {
  return loadCompleteSetup(db, principal, requestId, {
    inTransaction: async (tx) => {
      await tx.activeScenario.deleteMany({ where: { tenantId: principal.tenantId } });
    },
  });
}
