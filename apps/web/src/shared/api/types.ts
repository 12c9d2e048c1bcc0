// Response shapes the SPA reads. Request bodies are validated with the zod schemas of @certlab/domain; these
// types mirror the API contract for what comes back (Graph property names, exactly).
import type { TSessionInfo } from "@certlab/domain/schemas/directory";
import type { Finding, Severity } from "@certlab/domain/rules/types";

export type SessionInfo = TSessionInfo;
export type { Finding, Severity };
export type { ObjectRef } from "@certlab/domain/rules/types";

/** A Graph collection page. */
export type Collection<T> = {
  "@odata.context"?: string;
  "@odata.count"?: number;
  "@odata.nextLink"?: string;
  value: T[];
};

export type VerifiedDomain = { name: string; isDefault: boolean; isInitial: boolean; type: string };

export type Organization = {
  id: string;
  displayName: string;
  verifiedDomains: VerifiedDomain[];
  mobileDeviceManagementAuthority?: string;
  countryLetterCode?: string | null;
  createdDateTime?: string;
  tenantType?: string;
};

export type SubscribedSku = {
  skuId: string;
  skuPartNumber: string;
  prepaidUnits: { enabled: number };
  consumedUnits: number;
};

export type User = {
  id: string;
  displayName: string;
  userPrincipalName: string;
  givenName?: string | null;
  surname?: string | null;
  mail?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  usageLocation?: string | null;
  userType?: string;
  accountEnabled?: boolean;
  assignedLicenses?: { skuId: string; disabledPlans: string[] }[];
  createdDateTime?: string;
};

export type Group = {
  id: string;
  displayName: string;
  description?: string | null;
  mail?: string | null;
  mailEnabled?: boolean;
  mailNickname?: string;
  securityEnabled?: boolean;
  groupTypes?: string[];
  createdDateTime?: string;
};

/** What /memberOf and /members return: users, groups or roles, told apart by @odata.type. */
export type DirectoryObject = {
  "@odata.type"?: string;
  id: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
  description?: string | null;
};

export type RoleDefinition = {
  id: string;
  templateId?: string;
  displayName: string;
  description: string;
  isBuiltIn: boolean;
  isEnabled?: boolean;
};

export type RoleAssignment = {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
};

export type ModifiedProperty = { displayName: string; oldValue: string | null; newValue: string | null };

export type DirectoryAudit = {
  id: string;
  category: string;
  correlationId?: string;
  result: string;
  resultReason?: string;
  activityDisplayName: string;
  activityDateTime: string;
  loggedByService: string;
  operationType?: string;
  initiatedBy: {
    user?: { id: string; displayName?: string | null; userPrincipalName?: string | null } | null;
    app?: { displayName?: string | null } | null;
  };
  targetResources: {
    id: string;
    displayName?: string | null;
    type: string;
    userPrincipalName?: string | null;
    modifiedProperties: ModifiedProperty[];
  }[];
};

export type ApiToken = {
  id: string;
  displayName: string;
  tokenPrefix: string;
  createdDateTime: string;
  expiresDateTime: string;
  lastUsedDateTime: string | null;
};
export type ApiTokenCreated = ApiToken & { token: string };

export type RuleInfo = {
  code: string;
  severity: Severity;
  title: string;
  why: string;
  fix: string;
  symptom: string;
  sources: string[];
  area: string;
};

export type FindingsResponse = { value: Finding[]; summary: Record<Severity, number> };
