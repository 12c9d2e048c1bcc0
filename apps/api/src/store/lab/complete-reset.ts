// POST /api/lab/reset {"scenario":"complete"} (issue 8): the complete correct setup of packages/domain
// setup/complete-setup.ts loaded into the signed-in tenant in ONE transaction, mapped onto the tenant's own directory
// (its initial domain in the External URL, its own Intune and Application Administrators). The directory additions,
// the Entra application and connector group, the Intune profiles and their assignments are written through the same
// store methods the Graph endpoints use (their validation and save-time checks run, bound to the transaction); the
// lab rows go through replaceLab, made real first (build.ts makeReal: real CA keys, re-issued certificates). The
// trusted certificate profiles hold the real lab root / issuing CA certificate (base64 DER, as uploading the
// certutil -ca.cert export would). A failure anywhere rolls everything back.
import { randomBytes, randomUUID } from "node:crypto";
import { completeSetupPlan, setupProfileBody, COMPLETE_SETUP, type CompleteSetupPlan } from "@certlab/domain/setup/complete-setup";
import { CUSTOM_APPLICATION_TEMPLATE_ID } from "@certlab/domain/entra/on-premises-publishing";
import { ZDeviceConfigurationCreate } from "@certlab/domain/intune/profiles";
import { ZApplicationPatch } from "@certlab/domain/entra/on-premises-publishing";
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
import { makeReal } from "./build.ts";
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

/** A password meeting Entra's complexity rules, for an account the setup creates (an admin resets it to sign in). */
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
    });
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

/** The Entra side of seed 000: connector group, the NDES application published with Passthrough, assigned to the group. */
async function writeEntra(s: ReturnType<typeof storesIn>, plan: CompleteSetupPlan, callerRoleIds: readonly string[]): Promise<{ connectorGroupId: string }> {
  const group = await s.entra.connectors.createGroup({ name: COMPLETE_SETUP.connectorGroup.name, region: COMPLETE_SETUP.connectorGroup.region });
  const app = plan.snapshot.entra!.applications[0]!;
  const { application } = await s.entra.applications.instantiate(app.displayName, CUSTOM_APPLICATION_TEMPLATE_ID);
  const p = app.onPremisesPublishing!;
  // §8.5 steps 2–3 as the portal sends them: identifier URI and home page first, then onPremisesPublishing.
  const step2 = parseBody(ZApplicationPatch, { identifierUris: [plan.externalUrl.replace(/\/$/, "")], web: { homePageUrl: plan.externalUrl, redirectUris: [plan.externalUrl] } });
  await s.entra.applications.update(application.id, step2, { callerRoleIds });
  const step3 = parseBody(ZApplicationPatch, {
    onPremisesPublishing: {
      externalUrl: p.externalUrl,
      internalUrl: p.internalUrl,
      externalAuthenticationType: p.externalAuthenticationType,
      applicationServerTimeout: p.applicationServerTimeout,
      isTranslateHostHeaderEnabled: p.isTranslateHostHeaderEnabled,
      isTranslateLinksInBodyEnabled: p.isTranslateLinksInBodyEnabled,
      isBackendCertificateValidationEnabled: p.isBackendCertificateValidationEnabled,
    },
  });
  await s.entra.applications.update(application.id, step3, { callerRoleIds });
  await s.entra.applications.setConnectorGroup(application.id, group.id, callerRoleIds);
  return { connectorGroupId: group.id };
}

/** The Intune side of seed 001: trusted certificate profiles with the real CA certificates, SCEP profiles, assignments. */
async function writeIntune(s: ReturnType<typeof storesIn>, plan: CompleteSetupPlan, certificates: Map<string, string>, ids: Map<string, string>): Promise<number> {
  const created = new Map<string, string>();
  for (const sp of plan.profiles) {
    const body = setupProfileBody(sp, {
      rootId: sp.profile.rootCertificateId ? created.get(sp.profile.rootCertificateId) : undefined,
      certificateBase64: sp.caId ? certificates.get(sp.caId) : undefined,
    });
    const stored = await s.intune.createProfile(parseBody(ZDeviceConfigurationCreate, body));
    created.set(sp.profile.id, stored.id);
  }
  const byProfile = new Map<string, string[]>();
  for (const a of plan.snapshot.intune!.assignments) {
    const groupId = "groupId" in a.target ? a.target.groupId : undefined;
    if (groupId) byProfile.set(a.profileId, [...(byProfile.get(a.profileId) ?? []), ids.get(groupId) ?? groupId]);
  }
  for (const [profileId, groups] of byProfile)
    await s.intune.assign(
      created.get(profileId)!,
      groups.map((groupId) => ({ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId } })),
    );
  return created.size;
}

/** Loads the complete correct setup into the principal's tenant; the previous lab, profiles and apps are replaced. */
export async function resetToCompleteSetup(db: Db, principal: Principal, requestId: string): Promise<LabDraft> {
  const tenantId = principal.tenantId;
  const current = await tenantSnapshot(db, tenantId);
  const plan = completeSetupPlan({ base: { tenant: current.tenant, directory: current.directory }, newId: randomUUID });
  const lab = plan.snapshot.lab!;
  delete lab.asOf;
  // Keys and certificates are made before the transaction: it only writes.
  const seed = await makeReal(lab);
  const certificates = new Map([...seed.materials].map(([caId, m]) => [caId, m.certificateDerBase64]));

  return db.$transaction(async (tx) => {
    const s = storesIn(tx, principal, requestId);
    await clearSections(tx, tenantId);
    const ids = await writeDirectory(tx, s, tenantId, plan);
    const { connectorGroupId } = await writeEntra(s, plan, principal.roleIds);
    const d = await replaceLab(tx, tenantId, seed, { appProxyConnectorGroupId: connectorGroupId });
    const profiles = await writeIntune(s, plan, certificates, ids);
    await recordAudit(tx, { tenantId, principal, requestId }, {
      activityDisplayName: "Reset lab to the complete correct setup",
      category: "Lab",
      operationType: "Update",
      loggedByService: "Certlab lab",
      targets: [
        {
          type: "lab",
          id: tenantId,
          displayName: lab.forest.name,
          modifiedProperties: [
            { displayName: "scenario", oldValue: null, newValue: "complete" },
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
