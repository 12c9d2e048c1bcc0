// New rule (info): a privileged role held by a disabled account can't be used. The scenario's sign-ins need an
// enabled Global, Intune or Application Administrator (001_6feb1c2e8b30dee5.txt, 000_6abfab919ea0a4d2.txt; S3, S32);
// a disabled holder is often the reason "nobody can sign in" although the role assignment looks right.
import { findRole } from "../../directory/roles";
import type { SnapUser } from "../snapshot";
import { defineRule, finding, type Rule } from "../types";
import { PRIVILEGED_SCENARIO_ROLES } from "./admin-roles";

export const DIR_ADMIN_ACCOUNT_DISABLED: Rule = defineRule({
  code: "DIR_ADMIN_ACCOUNT_DISABLED",
  severity: "info",
  area: "directory",
  title: "An administrator account is disabled",
  why:
    "A disabled account can't sign in, so the roles it holds can't be used: it can neither sign in to the " +
    "Certificate Connector wizard nor register the private network connector.",
  fix: "Enable the account (Block sign in: No) if it is still needed, or remove its role assignment.",
  symptom: '"AADSTS50057: The user account is disabled."',
  sources: ["S3", "S32", "001_6feb1c2e8b30dee5.txt", "000_6abfab919ea0a4d2.txt"],
  check(_snapshot, index) {
    const disabled = new Map<string, { user: SnapUser; roles: string[] }>();
    for (const roleId of PRIVILEGED_SCENARIO_ROLES) {
      for (const user of index.usersWithRole.get(roleId) ?? []) {
        if (user.accountEnabled) continue;
        const entry = disabled.get(user.id) ?? { user, roles: [] };
        entry.roles.push(findRole(roleId)?.displayName ?? roleId);
        disabled.set(user.id, entry);
      }
    }
    return [...disabled.values()].map(({ user, roles }) =>
      finding(
        DIR_ADMIN_ACCOUNT_DISABLED,
        [{ type: "user", id: user.id, displayName: user.displayName }],
        `${user.userPrincipalName} holds ${roles.join(" and ")} but the account is disabled (accountEnabled is false).`,
      ),
    );
  },
});
