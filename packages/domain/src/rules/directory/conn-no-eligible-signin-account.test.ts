import { describe, expect, it } from "vitest";
import { evaluate } from "../engine";
import { aTenant, type TenantSpec } from "../testing";
import { CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT } from "./conn-no-eligible-signin-account";

const run = (t: TenantSpec) => evaluate(aTenant(t), [CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT]);

describe("CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT: the connector wizard needs a licensed Global or Intune Administrator", () => {
  it("fires when the only Global Administrator has no Intune license (the reader's case in seed 001)", () => {
    const [f] = run({ skus: ["SPE_E3"], users: [{ upn: "admin@contoso.com", roles: ["globalAdministrator"] }] });
    expect(f).toMatchObject({ code: "CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT", severity: "warning" });
    expect(f?.message).toBe(
      "No enabled Global Administrator or Intune Administrator has an Intune license. Without one: admin@contoso.com (Global Administrator).",
    );
    expect(f?.objects.map((o) => o.type)).toEqual(["tenant", "user"]);
    expect(f?.symptom).toContain("An Intune license is required for the account that you sign in with");
  });

  it("fires when a licensed user has no admin role, and nobody holds one", () => {
    const [f] = run({ users: [{ upn: "adele@contoso.com", licenses: ["INTUNE_A"] }] });
    expect(f?.message).toBe("No user holds the Global Administrator or Intune Administrator role.");
  });

  it("fires when the licensed Intune Administrator is disabled", () => {
    const [f] = run({ users: [{ upn: "intune@contoso.com", enabled: false, roles: ["intuneAdministrator"], licenses: ["EMS"] }] });
    expect(f?.message).toContain("held only by disabled accounts: intune@contoso.com (Intune Administrator)");
  });

  it("fires when the Intune plan of the admin's licence is disabled", () => {
    const t = aTenant({ users: [{ upn: "admin@contoso.com", roles: ["globalAdministrator"], licenses: ["SPE_E5"] }] });
    t.directory.users[0]!.assignedLicenses[0]!.disabledPlans = ["c1ec4a95-1f05-45b3-a911-aa3fa01094f5"];
    expect(evaluate(t, [CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT])).toHaveLength(1);
  });

  it("is quiet when an Intune Administrator has an Intune Plan 1 licence", () => {
    expect(
      run({
        users: [
          { upn: "admin@contoso.com", roles: ["globalAdministrator"] },
          { upn: "intune@contoso.com", roles: ["intuneAdministrator"], licenses: ["INTUNE_A"] },
        ],
      }),
    ).toEqual([]);
  });

  it("is quiet when the licensed admin holds the role through a role-assignable group", () => {
    expect(
      run({
        users: [{ upn: "ops@contoso.com", licenses: ["SPE_E3"] }],
        groups: [{ displayName: "Intune admins", members: ["ops@contoso.com"], roles: ["intuneAdministrator"] }],
      }),
    ).toEqual([]);
  });
});
