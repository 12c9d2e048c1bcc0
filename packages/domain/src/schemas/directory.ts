// The Graph directory surface (graph-surface.md): users, groups, organization, role definitions and
// assignments, directory audits — plus the portal's own sign-in, directory switch, API token and session shapes.
// Property names are Graph's, exactly. Create/update bodies are strict: Graph answers 400 to an unknown property.
import { z } from "zod";
import { ACTIONS } from "../directory/permissions";
import { ZDateTime, ZGuid, ZUrl, zODataType } from "./common";

// ---------------------------------------------------------------------------------------------- users

/** Graph's mailNickname: at most 64 characters, none of  @ ( ) \ [ ] " ; : < > , or whitespace. */
const ZMailNickname = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^@()\\[\]";:<>,\s]+$/, "mailNickname can't contain spaces or any of @ ( ) \\ [ ] \" ; : < > ,");

/** alias@domain; Entra caps a UPN at 113 characters (64 alias + '@' + 48 domain). */
const ZUserPrincipalName = z
  .string()
  .max(113)
  .regex(/^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$/, "userPrincipalName must look like alias@domain");

/** ISO 3166 two-letter country code; required before a licence can be assigned. */
const ZUsageLocation = z.string().regex(/^[A-Z]{2}$/, "usageLocation is a two-letter country code such as US");

export const ZAssignedLicense = z.object({ skuId: ZGuid, disabledPlans: z.array(ZGuid) });
export type TAssignedLicense = z.infer<typeof ZAssignedLicense>;

export const ZUser = z.object({
  id: ZGuid,
  displayName: z.string(),
  userPrincipalName: z.string(),
  givenName: z.string().nullable(),
  surname: z.string().nullable(),
  mail: z.string().nullable(),
  jobTitle: z.string().nullable(),
  department: z.string().nullable(),
  usageLocation: z.string().nullable(),
  userType: z.enum(["Member", "Guest"]),
  accountEnabled: z.boolean(),
  assignedLicenses: z.array(ZAssignedLicense),
  createdDateTime: ZDateTime,
});
export type TUser = z.infer<typeof ZUser>;

export const ZPasswordProfile = z.strictObject({
  password: z.string().min(1).max(256),
  forceChangePasswordNextSignIn: z.boolean().optional(),
  forceChangePasswordNextSignInWithMfa: z.boolean().optional(),
});
export type TPasswordProfile = z.infer<typeof ZPasswordProfile>;

/** POST /users: Graph requires accountEnabled, displayName, mailNickname, userPrincipalName, passwordProfile. */
export const ZUserCreate = z.strictObject({
  "@odata.type": zODataType("microsoft.graph.user").optional(),
  accountEnabled: z.boolean(),
  displayName: z.string().trim().min(1).max(256),
  mailNickname: ZMailNickname,
  userPrincipalName: ZUserPrincipalName,
  passwordProfile: ZPasswordProfile,
  givenName: z.string().max(64).optional(),
  surname: z.string().max(64).optional(),
  jobTitle: z.string().max(128).optional(),
  department: z.string().max(64).optional(),
  usageLocation: ZUsageLocation.optional(),
  mail: z.email().optional(),
});
export type TUserCreate = z.infer<typeof ZUserCreate>;

/** PATCH /users/{id}: any updatable property; null clears an optional one, as in Graph. */
export const ZUserUpdate = z.strictObject({
  accountEnabled: z.boolean().optional(),
  displayName: z.string().trim().min(1).max(256).optional(),
  mailNickname: ZMailNickname.optional(),
  userPrincipalName: ZUserPrincipalName.optional(),
  passwordProfile: ZPasswordProfile.optional(),
  givenName: z.string().max(64).nullable().optional(),
  surname: z.string().max(64).nullable().optional(),
  jobTitle: z.string().max(128).nullable().optional(),
  department: z.string().max(64).nullable().optional(),
  usageLocation: ZUsageLocation.nullable().optional(),
  mail: z.email().nullable().optional(),
});
export type TUserUpdate = z.infer<typeof ZUserUpdate>;

/** POST /users/{id}/assignLicense: both arrays are required by Graph (either may be empty). */
export const ZAssignLicense = z.strictObject({
  addLicenses: z.array(z.strictObject({ skuId: ZGuid, disabledPlans: z.array(ZGuid).optional() })),
  removeLicenses: z.array(ZGuid),
});
export type TAssignLicense = z.infer<typeof ZAssignLicense>;

// --------------------------------------------------------------------------------------------- groups

export const ZGroup = z.object({
  id: ZGuid,
  displayName: z.string(),
  description: z.string().nullable(),
  mail: z.string().nullable(),
  mailEnabled: z.boolean(),
  mailNickname: z.string(),
  securityEnabled: z.boolean(),
  groupTypes: z.array(z.string()),
  createdDateTime: ZDateTime,
});
export type TGroup = z.infer<typeof ZGroup>;

/** "Unified" makes a Microsoft 365 group, "DynamicMembership" a dynamic one; empty is a security group. */
const ZGroupTypes = z.array(z.enum(["Unified", "DynamicMembership"]));

export const ZGroupCreate = z.strictObject({
  "@odata.type": zODataType("microsoft.graph.group").optional(),
  displayName: z.string().trim().min(1).max(256),
  mailEnabled: z.boolean(),
  mailNickname: ZMailNickname,
  securityEnabled: z.boolean(),
  description: z.string().max(1024).optional(),
  groupTypes: ZGroupTypes.optional(),
  "members@odata.bind": z.array(ZUrl).max(20).optional(),
  "owners@odata.bind": z.array(ZUrl).max(20).optional(),
});
export type TGroupCreate = z.infer<typeof ZGroupCreate>;

export const ZGroupUpdate = z.strictObject({
  displayName: z.string().trim().min(1).max(256).optional(),
  description: z.string().max(1024).nullable().optional(),
  mailNickname: ZMailNickname.optional(),
  mailEnabled: z.boolean().optional(),
  securityEnabled: z.boolean().optional(),
  groupTypes: ZGroupTypes.optional(),
});
export type TGroupUpdate = z.infer<typeof ZGroupUpdate>;

// ------------------------------------------------------------------------------------- organization

export const ZVerifiedDomain = z.object({
  name: z.string(),
  type: z.enum(["Managed", "Federated"]),
  isDefault: z.boolean(),
  isInitial: z.boolean(),
  capabilities: z.string(),
});
export type TVerifiedDomain = z.infer<typeof ZVerifiedDomain>;

export const ZPrivacyProfile = z.object({
  contactEmail: z.email().nullable(),
  statementUrl: ZUrl.nullable(),
});

export const ZOrganization = z.object({
  id: ZGuid,
  displayName: z.string(),
  tenantType: z.string(),
  countryLetterCode: z.string().nullable(),
  preferredLanguage: z.string().nullable(),
  createdDateTime: ZDateTime,
  verifiedDomains: z.array(ZVerifiedDomain),
  mobileDeviceManagementAuthority: z.enum(["unknown", "intune", "sccm", "office365"]),
  technicalNotificationMails: z.array(z.string()),
  marketingNotificationEmails: z.array(z.string()),
  privacyProfile: ZPrivacyProfile.nullable(),
});
export type TOrganization = z.infer<typeof ZOrganization>;

/**
 * PATCH /organization/{id}. Graph lets you change the notification mails and privacy profile; it restricts
 * displayName (a tenant's name is changed in the admin center), which the lab allows so trainers can rename labs.
 */
export const ZOrganizationUpdate = z.strictObject({
  displayName: z.string().trim().min(1).max(256).optional(),
  technicalNotificationMails: z.array(z.email()).optional(),
  marketingNotificationEmails: z.array(z.email()).optional(),
  privacyProfile: z.strictObject({ contactEmail: z.email().nullable(), statementUrl: ZUrl.nullable() }).partial().optional(),
});
export type TOrganizationUpdate = z.infer<typeof ZOrganizationUpdate>;

// -------------------------------------------------------------------------------------------- roles

export const ZRolePermission = z.object({
  allowedResourceActions: z.array(z.string()),
  excludedResourceActions: z.array(z.string()).optional(),
  condition: z.string().nullable(),
});

/** unifiedRoleDefinition (graph-reference.md §9.2). Built-in roles: id == templateId. */
export const ZRoleDefinition = z.object({
  id: ZGuid,
  templateId: ZGuid,
  displayName: z.string(),
  description: z.string(),
  isBuiltIn: z.boolean(),
  isEnabled: z.boolean(),
  resourceScopes: z.array(z.string()),
  version: z.string(),
  rolePermissions: z.array(ZRolePermission),
});
export type TRoleDefinition = z.infer<typeof ZRoleDefinition>;

/** unifiedRoleAssignment. Graph's assignment ids are opaque strings, not GUIDs. */
export const ZRoleAssignment = z.object({
  id: z.string(),
  principalId: ZGuid,
  roleDefinitionId: ZGuid,
  directoryScopeId: z.string(),
  appScopeId: z.string().nullable(),
  condition: z.string().nullable(),
});
export type TRoleAssignment = z.infer<typeof ZRoleAssignment>;

export const ZRoleAssignmentCreate = z.strictObject({
  "@odata.type": zODataType("microsoft.graph.unifiedRoleAssignment").optional(),
  principalId: ZGuid,
  roleDefinitionId: ZGuid,
  directoryScopeId: z.string().default("/"),
});
export type TRoleAssignmentCreate = z.infer<typeof ZRoleAssignmentCreate>;

// -------------------------------------------------------------------------------------- audit logs

export const ZDirectoryAudit = z.object({
  id: z.string(),
  category: z.string(),
  correlationId: ZGuid,
  result: z.enum(["success", "failure", "timeout", "unknownFutureValue"]),
  resultReason: z.string(),
  activityDisplayName: z.string(),
  activityDateTime: ZDateTime,
  loggedByService: z.string(),
  operationType: z.string(),
  initiatedBy: z.object({
    user: z.object({ id: ZGuid, displayName: z.string().nullable(), userPrincipalName: z.string().nullable() }).nullable(),
    app: z.object({ displayName: z.string().nullable() }).nullable(),
  }),
  targetResources: z.array(
    z.object({
      id: z.string(),
      displayName: z.string().nullable(),
      type: z.string(),
      userPrincipalName: z.string().nullable().optional(),
      modifiedProperties: z.array(
        z.object({ displayName: z.string(), oldValue: z.string().nullable(), newValue: z.string().nullable() }),
      ),
    }),
  ),
  additionalDetails: z.array(z.object({ key: z.string(), value: z.string().nullable() })),
});
export type TDirectoryAudit = z.infer<typeof ZDirectoryAudit>;

// --------------------------------------------------------------------- portal: sign-in and session

export const ZSignIn = z.strictObject({
  username: z
    .string()
    .trim()
    .max(256)
    .regex(/^[^@\s]+@[^@\s]+$/, "Enter a valid email address, phone number, or Skype name."),
  password: z.string().min(1).max(256),
});
export type TSignIn = z.infer<typeof ZSignIn>;

export const ZSwitchDirectory = z.strictObject({ tenantId: ZGuid });
export type TSwitchDirectory = z.infer<typeof ZSwitchDirectory>;

export const ZApiTokenCreate = z.strictObject({
  displayName: z.string().trim().min(1).max(64),
  expiresInDays: z.number().int().min(1).max(365).default(30),
});
export type TApiTokenCreate = z.infer<typeof ZApiTokenCreate>;

export const ZApiToken = z.object({
  id: ZGuid,
  displayName: z.string(),
  tokenPrefix: z.string(),
  createdDateTime: ZDateTime,
  expiresDateTime: ZDateTime,
  lastUsedDateTime: ZDateTime.nullable(),
});
export type TApiToken = z.infer<typeof ZApiToken>;

/** The answer to POST /api/tokens: the secret is shown once, never stored in clear. */
export const ZApiTokenCreated = ZApiToken.extend({ token: z.string() });
export type TApiTokenCreated = z.infer<typeof ZApiTokenCreated>;

export const ZAction = z.enum(ACTIONS);

/** GET /api/session. */
export const ZSessionInfo = z.object({
  account: z.object({ signInName: z.string() }),
  user: z.object({ id: ZGuid, displayName: z.string(), userPrincipalName: z.string() }),
  tenant: z.object({ id: ZGuid, displayName: z.string(), initialDomain: z.string(), defaultDomain: z.string() }),
  roles: z.array(z.object({ id: ZGuid, displayName: z.string() })),
  allowedActions: z.array(ZAction),
  directories: z.array(z.object({ tenantId: ZGuid, displayName: z.string(), initialDomain: z.string() })),
  csrfToken: z.string(),
  /** Whether the signed-in user is a workshop seat's admin (a trainee): only then does GET /api/workshop answer. */
  workshopSeat: z.boolean().optional().describe("true when the session is a trainee's workshop seat (GET /api/workshop answers it); absent or false otherwise"),
});
export type TSessionInfo = z.infer<typeof ZSessionInfo>;
