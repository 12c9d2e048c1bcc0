import { describe, expect, it } from "vitest";
import { evaluate } from "../engine";
import { aTenant, type TenantSpec } from "../testing";
import { DIR_ADMIN_ACCOUNT_DISABLED } from "./dir-admin-account-disabled";

const run = (t: TenantSpec) => evaluate(aTenant(t), [DIR_ADMIN_ACCOUNT_DISABLED]);

describe("DIR_ADMIN_ACCOUNT_DISABLED: a disabled account can't use its admin role", () => {
  it("names each disabled administrator and the roles it holds", () => {
    const findings = run({
      users: [
        { upn: "old-admin@contoso.com", enabled: false, roles: ["globalAdministrator", "intuneAdministrator"] },
        { upn: "appadmin@contoso.com", enabled: false, roles: ["applicationAdministrator"] },
        { upn: "admin@contoso.com", roles: ["globalAdministrator"] },
      ],
    });
    expect(findings.map((f) => f.message)).toEqual([
      "old-admin@contoso.com holds Global Administrator and Intune Administrator but the account is disabled (accountEnabled is false).",
      "appadmin@contoso.com holds Application Administrator but the account is disabled (accountEnabled is false).",
    ]);
    expect(findings[0]).toMatchObject({ severity: "info", objects: [{ type: "user", displayName: "old-admin" }] });
  });

  it("is quiet for a disabled user without an admin role and for enabled admins", () => {
    expect(
      run({
        users: [
          { upn: "leaver@contoso.com", enabled: false },
          { upn: "reader@contoso.com", enabled: false, roles: ["globalReader"] },
          { upn: "admin@contoso.com", roles: ["globalAdministrator"] },
        ],
      }),
    ).toEqual([]);
  });
});
