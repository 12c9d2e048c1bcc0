// Database rows → Graph shapes (graph-reference.md §9; property names exactly as Graph's).
import type { Domain, SubscribedSku } from "../../generated/sqlite/client.ts";
import { findRole } from "@certlab/domain/directory/roles";
import { findSku } from "@certlab/domain/directory/licenses";
import type { UserRow } from "../../store/users.ts";
import { licensesOf } from "../../store/users.ts";
import type { GroupRow, MemberRow } from "../../store/groups.ts";
import type { RoleAssignmentRow } from "../../store/roles.ts";
import { settingsOf, type OrganizationRow } from "../../store/organization.ts";
import type { AuditRow } from "../../store/audit-log.ts";

const iso = (d: Date) => d.toISOString();

export function toGraphUser(u: UserRow): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.user",
    id: u.id,
    displayName: u.displayName,
    userPrincipalName: u.userPrincipalName,
    givenName: u.givenName,
    surname: u.surname,
    mail: u.mail,
    jobTitle: u.jobTitle,
    department: u.department,
    usageLocation: u.usageLocation,
    userType: u.userType,
    accountEnabled: u.accountEnabled,
    assignedLicenses: licensesOf(u),
    createdDateTime: iso(u.createdDateTime),
  };
}

export function toGraphGroup(g: GroupRow, initialDomain?: string): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.group",
    id: g.id,
    displayName: g.displayName,
    description: g.description,
    mail: g.mailEnabled && initialDomain ? `${g.mailNickname}@${initialDomain}` : null,
    mailEnabled: g.mailEnabled,
    mailNickname: g.mailNickname,
    securityEnabled: g.securityEnabled,
    groupTypes: JSON.parse(g.groupTypes) as string[],
    createdDateTime: iso(g.createdDateTime),
  };
}

export function toGraphMember(m: MemberRow): Record<string, unknown> {
  return m.type === "user" ? toGraphUser(m.user) : toGraphGroup(m.group);
}

export function toGraphDomainList(domains: Domain[]) {
  return domains
    .filter((d) => d.isVerified)
    .map((d) => ({
      capabilities: "Email, OfficeCommunicationsOnline",
      isDefault: d.isDefault,
      isInitial: d.isInitial,
      name: d.name,
      type: d.authenticationType,
    }));
}

export function toGraphOrganization(o: OrganizationRow): Record<string, unknown> {
  const s = settingsOf(o);
  return {
    "@odata.type": "#microsoft.graph.organization",
    id: o.id,
    displayName: o.displayName,
    tenantType: o.tenantType,
    countryLetterCode: o.countryLetterCode,
    preferredLanguage: o.preferredLanguage,
    createdDateTime: iso(o.createdDateTime),
    mobileDeviceManagementAuthority: "intune",
    verifiedDomains: toGraphDomainList(o.domains),
    technicalNotificationMails: s.technicalNotificationMails ?? [],
    marketingNotificationEmails: s.marketingNotificationEmails ?? [],
    privacyProfile: s.privacyProfile ?? null,
  };
}

export function toGraphDomain(d: Domain): Record<string, unknown> {
  return {
    id: d.name,
    authenticationType: d.authenticationType,
    isDefault: d.isDefault,
    isInitial: d.isInitial,
    isRoot: true,
    isVerified: d.isVerified,
    supportedServices: d.isVerified ? ["Email", "OfficeCommunicationsOnline"] : [],
  };
}

export function toGraphSubscribedSku(s: SubscribedSku, consumed: number): Record<string, unknown> {
  const known = findSku(s.skuId);
  return {
    id: `${s.tenantId}_${s.skuId}`,
    capabilityStatus: "Enabled",
    appliesTo: "User",
    skuId: s.skuId,
    skuPartNumber: s.skuPartNumber,
    consumedUnits: consumed,
    prepaidUnits: { enabled: s.enabledUnits, suspended: 0, warning: 0, lockedOut: 0 },
    servicePlans: (known?.servicePlans ?? []).map((p) => ({ servicePlanId: p.servicePlanId, servicePlanName: p.servicePlanName, provisioningStatus: "Success", appliesTo: "User" })),
  };
}

export function toGraphRoleAssignment(a: RoleAssignmentRow): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.unifiedRoleAssignment",
    id: a.id,
    principalId: a.principalId,
    roleDefinitionId: a.roleDefinitionId,
    directoryScopeId: a.directoryScopeId,
    appScopeId: null,
    condition: null,
    roleDefinitionDisplayName: findRole(a.roleDefinitionId)?.displayName ?? null,
  };
}

export function toGraphDirectoryAudit(a: AuditRow): Record<string, unknown> {
  return {
    id: a.id,
    category: a.category,
    correlationId: a.correlationId,
    result: a.result,
    resultReason: a.resultReason,
    activityDisplayName: a.activityDisplayName,
    activityDateTime: iso(a.activityDateTime),
    loggedByService: a.loggedByService,
    operationType: a.operationType,
    initiatedBy: {
      user: a.initiatedByUserId ? { id: a.initiatedByUserId, displayName: null, userPrincipalName: a.initiatedByUpn } : null,
      app: a.initiatedByApp ? { displayName: a.initiatedByApp } : null,
    },
    targetResources: JSON.parse(a.targetResources) as unknown[],
    additionalDetails: [],
  };
}
