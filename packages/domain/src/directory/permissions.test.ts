import { describe, expect, it } from "vitest";
import { ACTIONS, allowedActions, can, permissionDeniedMessage, rolesGranting } from "./permissions";
import { ROLE_IDS } from "./roles";

const { globalAdministrator, intuneAdministrator, applicationAdministrator, cloudApplicationAdministrator, globalReader } =
  ROLE_IDS;

describe("who may do what in the portal", () => {
  it("a Global Administrator may do everything", () => {
    expect(allowedActions([globalAdministrator])).toEqual([...ACTIONS]);
  });

  it("a member without a role may read the directory and manage their own tokens, nothing else", () => {
    expect(allowedActions([])).toEqual(["directory.read", "tokens.self"]);
  });

  it("an Intune Administrator manages Intune, groups and the lab but not users, roles or applications", () => {
    expect(can([intuneAdministrator], "intune.configuration.write")).toBe(true);
    expect(can([intuneAdministrator], "intune.connectors.write")).toBe(true);
    expect(can([intuneAdministrator], "directory.groups.write")).toBe(true);
    expect(can([intuneAdministrator], "lab.write")).toBe(true);
    expect(can([intuneAdministrator], "audit.read")).toBe(true);
    expect(can([intuneAdministrator], "directory.users.write")).toBe(false);
    expect(can([intuneAdministrator], "directory.roles.write")).toBe(false);
    expect(can([intuneAdministrator], "entra.appProxy.write")).toBe(false);
  });

  it("an Application Administrator publishes NDES through app proxy; a Cloud Application Administrator can't", () => {
    expect(can([applicationAdministrator], "entra.appProxy.write")).toBe(true);
    expect(can([applicationAdministrator], "entra.applications.write")).toBe(true);
    expect(can([cloudApplicationAdministrator], "entra.applications.write")).toBe(true);
    expect(can([cloudApplicationAdministrator], "entra.appProxy.write")).toBe(false);
    expect(can([applicationAdministrator], "intune.configuration.write")).toBe(false);
  });

  it("a Global Reader reads everything and changes nothing", () => {
    expect(allowedActions([globalReader])).toEqual(["directory.read", "intune.read", "audit.read", "tokens.self"]);
  });

  it("roles add up, and ids match in any letter case", () => {
    const both = [cloudApplicationAdministrator, intuneAdministrator.toUpperCase()];
    expect(can(both, "intune.connectors.write")).toBe(true);
    expect(can(both, "entra.applications.write")).toBe(true);
    expect(can(both, "entra.appProxy.write")).toBe(false);
  });

  it("a refusal names the roles that would allow the action", () => {
    expect(permissionDeniedMessage("intune.configuration.write")).toBe(
      "Insufficient privileges to complete the operation. This action requires one of these roles: Global Administrator, Intune Administrator.",
    );
    expect(permissionDeniedMessage("directory.roles.write")).toBe(
      "Insufficient privileges to complete the operation. This action requires the Global Administrator role.",
    );
    expect(rolesGranting("entra.appProxy.write").map((r) => r.displayName)).toEqual([
      "Global Administrator",
      "Application Administrator",
    ]);
  });
});
