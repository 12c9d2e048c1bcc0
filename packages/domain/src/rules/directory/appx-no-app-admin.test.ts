import { describe, expect, it } from "vitest";
import { evaluate } from "../engine";
import { aTenant, type TenantSpec } from "../testing";
import { APPX_NO_APP_ADMIN } from "./appx-no-app-admin";

const run = (t: TenantSpec) => evaluate(aTenant(t), [APPX_NO_APP_ADMIN]);

describe("APPX_NO_APP_ADMIN: registering the private network connector needs an Application Administrator", () => {
  it("fires when only an Intune Administrator and a Cloud Application Administrator exist", () => {
    const [f] = run({
      users: [
        { upn: "intune@contoso.com", roles: ["intuneAdministrator"] },
        { upn: "apps@contoso.com", roles: ["cloudApplicationAdministrator"] },
      ],
    });
    expect(f).toMatchObject({ code: "APPX_NO_APP_ADMIN", severity: "warning", objects: [{ type: "tenant" }] });
    expect(f?.message).toBe(
      "No user holds Global Administrator or Application Administrator. Register it with an account such as admin@contoso.onmicrosoft.com.",
    );
    expect(f?.symptom).toContain("Make sure you are an Application Administrator");
  });

  it("fires when the only Application Administrator is disabled", () => {
    const [f] = run({ users: [{ upn: "appadmin@contoso.com", enabled: false, roles: ["applicationAdministrator"] }] });
    expect(f?.message).toContain("held only by disabled accounts: appadmin@contoso.com");
    expect(f?.objects.map((o) => o.type)).toEqual(["tenant", "user"]);
  });

  it("is quiet with an enabled Application Administrator", () => {
    expect(run({ users: [{ upn: "appadmin@contoso.com", roles: ["applicationAdministrator"] }] })).toEqual([]);
  });

  it("is quiet with an enabled Global Administrator", () => {
    expect(run({ users: [{ upn: "admin@contoso.com", roles: ["globalAdministrator"] }] })).toEqual([]);
  });
});
