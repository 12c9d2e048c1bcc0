// New rule in the style of catalogue A.8 (APPX_REGISTERED_BY_WRONG_ACCOUNT), checked tenant-wide: someone must be
// able to register the private network connector. "Provide the credentials for an Application Administrator in
// your Microsoft Entra directory." and "The account with the Application Administrator role used to register the
// connector must belong to the same directory" (000_6abfab919ea0a4d2.txt); "An application administrator account."
// (003_43f76a8e56847852.txt prerequisites); S32, S36, S41.
import { findRole } from "../../directory/roles";
import type { SnapUser } from "../snapshot";
import { defineRule, finding, listNames, type Rule } from "../types";
import { CONNECTOR_REGISTRATION_ROLES } from "./admin-roles";

export const APPX_NO_APP_ADMIN: Rule = defineRule({
  code: "APPX_NO_APP_ADMIN",
  severity: "warning",
  area: "entra",
  title: "No Application Administrator can register the private network connector",
  why:
    "The private network connector is registered with application proxy by signing in, during its setup, with an " +
    "Application Administrator (or Global Administrator) of this same directory. Cloud Application Administrator " +
    "is not enough: that role covers app registrations and enterprise apps \"except App Proxy\".",
  fix:
    "Assign the Application Administrator role to an enabled user of this directory (for example admin@contoso.com) " +
    "and register the connector with that account.",
  symptom:
    "\"Connector registration failed: Make sure you are an Application Administrator of your Active Directory to " +
    "register the connector. Error: 'The registration request was denied.'\"",
  sources: ["S32", "S36", "S41", "000_6abfab919ea0a4d2.txt", "003_43f76a8e56847852.txt"],
  check(snapshot, index) {
    const holders = new Map<string, SnapUser>();
    for (const roleId of CONNECTOR_REGISTRATION_ROLES)
      for (const user of index.usersWithRole.get(roleId) ?? []) holders.set(user.id, user);
    const all = [...holders.values()];
    if (all.some((u) => u.accountEnabled)) return [];

    const roles = CONNECTOR_REGISTRATION_ROLES.map((r) => findRole(r)?.displayName ?? r).join(" or ");
    const domain = index.defaultDomain?.name;
    const example = domain ? ` Register it with an account such as admin@${domain}.` : "";
    const message =
      all.length === 0
        ? `No user holds ${roles}.${example}`
        : `${roles} is held only by disabled accounts: ${listNames(all.map((u) => u.userPrincipalName))}.${example}`;
    return [
      finding(APPX_NO_APP_ADMIN, [
        { type: "tenant", ...snapshot.tenant },
        ...all.map((u) => ({ type: "user", id: u.id, displayName: u.displayName })),
      ], message),
    ];
  },
});
