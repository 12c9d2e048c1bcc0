// New rule in the style of catalogue A.5 (CONN_SIGNIN_ROLE / CONN_SIGNIN_NO_LICENSE), checked tenant-wide before any
// connector is installed: someone must be able to complete the Certificate Connector wizard's sign-in.
// "The sign-in account needs to be a Global Administrator or an Intune Administrator!" and the reader comment
// "my administrative account did not have an Intune License, only the Global Admin role" (001_6feb1c2e8b30dee5.txt);
// "The account you use must be assigned a valid Intune license." (002_823a4c777ce30773.txt); S2, S3, S19.
import { hasIntuneLicense } from "../../directory/licenses";
import { findRole } from "../../directory/roles";
import type { SnapUser } from "../snapshot";
import { defineRule, finding, listNames, type ObjectRef, type Rule } from "../types";
import { CONNECTOR_SIGNIN_ROLES } from "./admin-roles";

export const CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT: Rule = defineRule({
  code: "CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT",
  severity: "warning",
  area: "intune",
  title: "No account can sign in to the Certificate Connector",
  why:
    "The Certificate Connector for Microsoft Intune is registered by signing in, in its configuration wizard, with " +
    "a user account that is either a Global Administrator or an Intune Administrator and has an Intune license " +
    "assigned. The connector downloads its certificate from Intune with that account; without a licence it can't.",
  fix:
    'Use "a user account that: is either a Global Admin or Intune Admin and has an Intune license assigned": assign ' +
    "an Intune license (Intune Plan 1, EMS E3/E5 or Microsoft 365 E3/E5) to an enabled Global or Intune " +
    "Administrator, or give the Intune Administrator role to a licensed user.",
  symptom:
    'New connector: "An Intune license is required for the account that you sign in with"; legacy connector UI: ' +
    '"An unexpected error has occurred", svclog "NDES Connector certificate could not be found" … ' +
    '"ConnectionStatus - IssueDetails with the value 0x80004003".',
  sources: ["S2", "S3", "S19", "001_6feb1c2e8b30dee5.txt", "002_823a4c777ce30773.txt"],
  check(snapshot, index) {
    const admins = new Map<string, SnapUser>();
    for (const roleId of CONNECTOR_SIGNIN_ROLES)
      for (const user of index.usersWithRole.get(roleId) ?? []) admins.set(user.id, user);

    const enabled = [...admins.values()].filter((u) => u.accountEnabled);
    if (enabled.some((u) => hasIntuneLicense(u.assignedLicenses))) return [];

    const tenant: ObjectRef = { type: "tenant", ...snapshot.tenant };
    const userRef = (u: SnapUser): ObjectRef => ({ type: "user", id: u.id, displayName: u.displayName });
    const withRoles = (u: SnapUser) => {
      const held = CONNECTOR_SIGNIN_ROLES.filter((r) => index.rolesOfUser.get(u.id)?.has(r));
      return `${u.userPrincipalName} (${held.map((r) => findRole(r)?.displayName ?? r).join(", ")})`;
    };

    let message: string;
    if (admins.size === 0) message = "No user holds the Global Administrator or Intune Administrator role.";
    else if (enabled.length === 0)
      message = `Global Administrator and Intune Administrator are held only by disabled accounts: ${listNames([...admins.values()].map(withRoles))}.`;
    else
      message = `No enabled Global Administrator or Intune Administrator has an Intune license. Without one: ${listNames(enabled.map(withRoles))}.`;

    const objects = admins.size === 0 ? [tenant] : [tenant, ...(enabled.length ? enabled : [...admins.values()]).map(userRef)];
    return [finding(CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT, objects, message)];
  },
});
