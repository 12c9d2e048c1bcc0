// The portal's authorization model: which built-in Entra role may do what. The API calls
// requirePermission(principal, action) before every write; the web hides what allowedActions() leaves out.
// The table follows each role's description and action list in roles.ts (source S11).
import type { TRoleDefinition } from "../schemas/directory";
import { ROLE_IDS, findRole } from "./roles";

export const ACTIONS = [
  "directory.read",
  "directory.users.write",
  "directory.groups.write",
  "directory.roles.write",
  "directory.organization.write",
  "directory.domains.write",
  "intune.read",
  "intune.configuration.write",
  "intune.connectors.write",
  "entra.applications.write",
  "entra.appProxy.write",
  "lab.write",
  "audit.read",
  "tokens.self",
  "workshops.manage",
] as const;
export type Action = (typeof ACTIONS)[number];

/** Every signed-in user: members can read the directory, and anyone may manage their own API tokens. */
export const EVERY_USER_ACTIONS: readonly Action[] = ["directory.read", "tokens.self"];

const { globalAdministrator, intuneAdministrator, applicationAdministrator, cloudApplicationAdministrator, globalReader } =
  ROLE_IDS;

/**
 * Action → the roles that grant it, most common first (permissionDeniedMessage lists them in this order).
 * Global Administrator holds everything. Intune Administrator also creates and manages security groups ("this role
 * contains the ability to … create and manage groups", S11), which SCEP profile assignments target.
 * Cloud Application Administrator is "…except App Proxy", so it lacks entra.appProxy.write.
 */
export const ACTION_ROLES: Record<Action, readonly string[]> = {
  "directory.read": [globalAdministrator, globalReader, intuneAdministrator],
  "directory.users.write": [globalAdministrator],
  "directory.groups.write": [globalAdministrator, intuneAdministrator],
  "directory.roles.write": [globalAdministrator],
  "directory.organization.write": [globalAdministrator],
  "directory.domains.write": [globalAdministrator],
  "intune.read": [globalAdministrator, intuneAdministrator, globalReader],
  "intune.configuration.write": [globalAdministrator, intuneAdministrator],
  "intune.connectors.write": [globalAdministrator, intuneAdministrator],
  "entra.applications.write": [globalAdministrator, applicationAdministrator, cloudApplicationAdministrator],
  "entra.appProxy.write": [globalAdministrator, applicationAdministrator],
  "lab.write": [globalAdministrator, intuneAdministrator, applicationAdministrator],
  "audit.read": [
    globalAdministrator,
    intuneAdministrator,
    globalReader,
    applicationAdministrator,
    cloudApplicationAdministrator,
  ],
  "tokens.self": [globalAdministrator],
  // Trainers (issue 11): whoever may write the lab in their directory may run workshops of it.
  "workshops.manage": [globalAdministrator, intuneAdministrator, applicationAdministrator],
};

const grantSets = new Map<Action, Set<string>>(
  ACTIONS.map((a) => [a, new Set(ACTION_ROLES[a].map((id) => id.toLowerCase()))]),
);

/** Whether a signed-in user holding these role (definition or template) ids may perform the action. */
export function can(roleIds: readonly string[], action: Action): boolean {
  if (EVERY_USER_ACTIONS.includes(action)) return true;
  const granted = grantSets.get(action);
  return granted !== undefined && roleIds.some((id) => granted.has(id.toLowerCase()));
}

/** The actions this user may perform, in ACTIONS order: what the UI shows. */
export function allowedActions(roleIds: readonly string[]): Action[] {
  return ACTIONS.filter((a) => can(roleIds, a));
}

/** The built-in roles that grant the action (for a 403 message, or a hint in the UI). */
export function rolesGranting(action: Action): TRoleDefinition[] {
  return ACTION_ROLES[action].flatMap((id) => findRole(id) ?? []);
}

/** The 403 text: Graph's Authorization_RequestDenied message plus the role(s) that would allow it. */
export function permissionDeniedMessage(action: Action): string {
  const names = rolesGranting(action).map((r) => r.displayName);
  const need =
    names.length === 1
      ? `This action requires the ${names[0]} role.`
      : `This action requires one of these roles: ${names.join(", ")}.`;
  return `Insufficient privileges to complete the operation. ${need}`;
}
