import { describe, expect, it } from "vitest";
import { ZRoleDefinition } from "../schemas/directory";
import { BUILT_IN_ROLES, ROLE_IDS, findRole } from "./roles";

describe("built-in Entra roles", () => {
  it("carry Entra's real template ids, with id equal to templateId", () => {
    expect(findRole("62e90394-69f5-4237-9190-012177145e10")?.displayName).toBe("Global Administrator");
    expect(findRole("3a2c62db-5318-420d-8d74-23affee5d9d5")?.displayName).toBe("Intune Administrator");
    expect(findRole("9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3")?.displayName).toBe("Application Administrator");
    expect(findRole("158c047a-c907-4556-b7ef-446551a6b5f7")?.displayName).toBe("Cloud Application Administrator");
    expect(findRole("f2ef992c-3afb-46b9-b7cf-a126ee74c451")?.displayName).toBe("Global Reader");
    for (const role of BUILT_IN_ROLES) expect(role.id).toBe(role.templateId);
  });

  it("are valid unifiedRoleDefinitions, built in and enabled at the tenant scope", () => {
    for (const role of BUILT_IN_ROLES) {
      expect(ZRoleDefinition.parse(role)).toEqual(role);
      expect(role).toMatchObject({ isBuiltIn: true, isEnabled: true, resourceScopes: ["/"], version: "1" });
    }
    expect(new Set(BUILT_IN_ROLES.map((r) => r.id)).size).toBe(BUILT_IN_ROLES.length);
    expect(Object.values(ROLE_IDS).every((id) => findRole(id))).toBe(true);
  });

  it("give Application Administrator the app proxy actions that Cloud Application Administrator lacks", () => {
    const actions = (id: string) => findRole(id)?.rolePermissions.flatMap((p) => p.allowedResourceActions) ?? [];
    expect(actions(ROLE_IDS.applicationAdministrator)).toContain("microsoft.directory/applications/applicationProxy/update");
    expect(actions(ROLE_IDS.cloudApplicationAdministrator).some((a) => /applicationProxy|connector/.test(a))).toBe(false);
    expect(findRole(ROLE_IDS.cloudApplicationAdministrator)?.description).toMatch(/except App Proxy\.$/);
    expect(actions(ROLE_IDS.intuneAdministrator)).toContain("microsoft.intune/allEntities/allTasks");
  });

  it("are found by id in any letter case, and an unknown id finds nothing", () => {
    expect(findRole(ROLE_IDS.intuneAdministrator.toUpperCase())?.displayName).toBe("Intune Administrator");
    expect(findRole("00000000-0000-0000-0000-000000000000")).toBeUndefined();
  });
});
