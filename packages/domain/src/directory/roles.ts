// The built-in Microsoft Entra roles this scenario needs, as Graph serves them from
// /roleManagement/directory/roleDefinitions. Template ids and descriptions are Entra's own (graph-reference.md §9.2,
// source S11 = entra-docs permissions-reference.md); for built-in roles id == templateId. The action lists are the
// part of each role's real list that matters here (users, groups, applications, app proxy, audit, Intune).
import type { TRoleDefinition } from "../schemas/directory";

export const ROLE_IDS = {
  globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  intuneAdministrator: "3a2c62db-5318-420d-8d74-23affee5d9d5",
  applicationAdministrator: "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
  cloudApplicationAdministrator: "158c047a-c907-4556-b7ef-446551a6b5f7",
  globalReader: "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
  hybridIdentityAdministrator: "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2",
} as const;
export type RoleId = (typeof ROLE_IDS)[keyof typeof ROLE_IDS];

function builtIn(id: RoleId, displayName: string, description: string, actions: string[]): TRoleDefinition {
  return {
    id,
    templateId: id,
    displayName,
    description,
    isBuiltIn: true,
    isEnabled: true,
    resourceScopes: ["/"],
    version: "1",
    rolePermissions: [{ allowedResourceActions: actions, excludedResourceActions: [], condition: null }],
  };
}

/** Application registrations and enterprise apps: shared by Application and Cloud Application Administrator. */
const APPLICATION_ACTIONS = [
  "microsoft.directory/applications/create",
  "microsoft.directory/applications/delete",
  "microsoft.directory/applications/appRoles/update",
  "microsoft.directory/applications/audience/update",
  "microsoft.directory/applications/authentication/update",
  "microsoft.directory/applications/basic/update",
  "microsoft.directory/applications/credentials/update",
  "microsoft.directory/applications/owners/update",
  "microsoft.directory/applications/permissions/update",
  "microsoft.directory/applicationTemplates/instantiate",
  "microsoft.directory/auditLogs/allProperties/read",
  "microsoft.directory/servicePrincipals/create",
  "microsoft.directory/servicePrincipals/delete",
  "microsoft.directory/servicePrincipals/appRoleAssignedTo/update",
  "microsoft.directory/servicePrincipals/basic/update",
  "microsoft.directory/signInReports/allProperties/read",
];

/** What Application Administrator has and Cloud Application Administrator lacks ("…except App Proxy"). */
const APP_PROXY_ACTIONS = [
  "microsoft.directory/applications/applicationProxy/read",
  "microsoft.directory/applications/applicationProxy/update",
  "microsoft.directory/applications/applicationProxyAuthentication/update",
  "microsoft.directory/applications/applicationProxySslCertificate/update",
  "microsoft.directory/applications/applicationProxyUrlSettings/update",
  "microsoft.directory/connectors/create",
  "microsoft.directory/connectors/allProperties/read",
  "microsoft.directory/connectorGroups/create",
  "microsoft.directory/connectorGroups/delete",
  "microsoft.directory/connectorGroups/allProperties/read",
  "microsoft.directory/connectorGroups/allProperties/update",
];

export const BUILT_IN_ROLES: TRoleDefinition[] = [
  builtIn(
    ROLE_IDS.globalAdministrator,
    "Global Administrator",
    "Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.",
    [
      "microsoft.directory/users/allProperties/allTasks",
      "microsoft.directory/groups/allProperties/allTasks",
      "microsoft.directory/roleAssignments/allProperties/allTasks",
      "microsoft.directory/roleDefinitions/allProperties/allTasks",
      "microsoft.directory/organization/allProperties/allTasks",
      "microsoft.directory/domains/allProperties/allTasks",
      "microsoft.directory/applications/allProperties/allTasks",
      "microsoft.directory/servicePrincipals/allProperties/allTasks",
      "microsoft.directory/connectors/allProperties/allTasks",
      "microsoft.directory/connectorGroups/allProperties/allTasks",
      "microsoft.directory/auditLogs/allProperties/read",
      "microsoft.directory/signInReports/allProperties/read",
      "microsoft.intune/allEntities/allTasks",
    ],
  ),
  builtIn(ROLE_IDS.intuneAdministrator, "Intune Administrator", "Can manage all aspects of the Intune product.", [
    "microsoft.directory/devices/create",
    "microsoft.directory/devices/delete",
    "microsoft.directory/devices/basic/update",
    "microsoft.directory/groups.security/create",
    "microsoft.directory/groups.security/delete",
    "microsoft.directory/groups.security/basic/update",
    "microsoft.directory/groups.security/members/update",
    "microsoft.directory/groups.security/owners/update",
    "microsoft.directory/users/basic/update",
    "microsoft.directory/users/manager/update",
    "microsoft.intune/allEntities/allTasks",
    "microsoft.office365.webPortal/allEntities/standard/read",
  ]),
  builtIn(
    ROLE_IDS.applicationAdministrator,
    "Application Administrator",
    "Can create and manage all aspects of app registrations and enterprise apps.",
    [...APPLICATION_ACTIONS, ...APP_PROXY_ACTIONS],
  ),
  builtIn(
    ROLE_IDS.cloudApplicationAdministrator,
    "Cloud Application Administrator",
    "Can create and manage all aspects of app registrations and enterprise apps except App Proxy.",
    APPLICATION_ACTIONS,
  ),
  builtIn(
    ROLE_IDS.globalReader,
    "Global Reader",
    "Can read everything that a Global Administrator can, but not update anything.",
    [
      "microsoft.directory/users/allProperties/read",
      "microsoft.directory/groups/allProperties/read",
      "microsoft.directory/roleAssignments/allProperties/read",
      "microsoft.directory/roleDefinitions/allProperties/read",
      "microsoft.directory/organization/allProperties/read",
      "microsoft.directory/domains/allProperties/read",
      "microsoft.directory/applications/allProperties/read",
      "microsoft.directory/applications/applicationProxy/read",
      "microsoft.directory/connectors/allProperties/read",
      "microsoft.directory/connectorGroups/allProperties/read",
      "microsoft.directory/auditLogs/allProperties/read",
      "microsoft.directory/signInReports/allProperties/read",
      "microsoft.intune/allEntities/read",
    ],
  ),
  builtIn(
    ROLE_IDS.hybridIdentityAdministrator,
    "Hybrid Identity Administrator",
    "Can manage Active Directory to Microsoft Entra cloud provisioning, Microsoft Entra Connect, Pass-through Authentication (PTA), Password hash synchronization (PHS), Seamless Single sign-on (Seamless SSO), and federation settings.",
    [
      "microsoft.directory/cloudProvisioning/allProperties/allTasks",
      "microsoft.directory/domains/allProperties/read",
      "microsoft.directory/domains/federation/update",
      "microsoft.directory/hybridAuthenticationPolicy/allProperties/allTasks",
      "microsoft.directory/organization/dirSync/update",
      "microsoft.directory/auditLogs/allProperties/read",
      "microsoft.directory/signInReports/allProperties/read",
    ],
  ),
];

const byId = new Map(BUILT_IN_ROLES.map((r) => [r.id.toLowerCase(), r]));

/** The built-in role with this id or template id (case-insensitive), or undefined. */
export function findRole(idOrTemplateId: string): TRoleDefinition | undefined {
  return byId.get(idOrTemplateId.toLowerCase());
}
