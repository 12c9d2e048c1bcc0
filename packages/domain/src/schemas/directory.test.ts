import { describe, expect, it } from "vitest";
import {
  ZApiTokenCreate,
  ZAssignLicense,
  ZDirectoryAudit,
  ZGroupCreate,
  ZOrganization,
  ZRoleAssignmentCreate,
  ZSessionInfo,
  ZSignIn,
  ZSwitchDirectory,
  ZUserCreate,
  ZUserUpdate,
} from "./directory";
import { ZRef } from "./common";

const newUser = {
  accountEnabled: true,
  displayName: "Adele Vance",
  mailNickname: "AdeleV",
  userPrincipalName: "AdeleV@contoso.onmicrosoft.com",
  passwordProfile: { forceChangePasswordNextSignIn: true, password: "xWwvJ]6NMw+bWH-d" },
};

/** The failing field paths, as the API reports them in error.details[].target. */
function failingPaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return (result.error?.issues ?? []).map((i) => i.path.join("."));
}

describe("users", () => {
  it("accept Graph's documented create body, with or without @odata.type", () => {
    expect(ZUserCreate.safeParse(newUser).success).toBe(true);
    expect(ZUserCreate.safeParse({ ...newUser, "@odata.type": "#microsoft.graph.user", usageLocation: "US" }).success).toBe(true);
  });

  it("refuse a create body missing what Graph requires, naming each missing field", () => {
    const { passwordProfile: _p, mailNickname: _m, ...partial } = newUser;
    expect(failingPaths(ZUserCreate.safeParse(partial)).sort()).toEqual(["mailNickname", "passwordProfile"]);
  });

  it("refuse unknown properties, as Graph does", () => {
    expect(failingPaths(ZUserCreate.safeParse({ ...newUser, favouriteColour: "blue" }))).toEqual([""]);
    expect(ZUserUpdate.safeParse({ jobTitl: "Engineer" }).success).toBe(false);
  });

  it("refuse a UPN without a domain and a mailNickname with a space", () => {
    const r = ZUserCreate.safeParse({ ...newUser, userPrincipalName: "adele", mailNickname: "Adele V" });
    expect(failingPaths(r).sort()).toEqual(["mailNickname", "userPrincipalName"]);
  });

  it("let an update clear an optional property with null", () => {
    expect(ZUserUpdate.parse({ jobTitle: null, accountEnabled: false })).toEqual({ jobTitle: null, accountEnabled: false });
  });

  it("assign licences with Graph's addLicenses/removeLicenses body", () => {
    const body = { addLicenses: [{ skuId: "061f9ace-7d42-4136-88ac-31dc755f143f", disabledPlans: [] }], removeLicenses: [] };
    expect(ZAssignLicense.safeParse(body).success).toBe(true);
    expect(ZAssignLicense.safeParse({ addLicenses: [{ skuId: "INTUNE_A" }], removeLicenses: [] }).success).toBe(false);
  });
});

describe("groups, roles and references", () => {
  it("create a security group with members bound by URL", () => {
    const body = {
      displayName: "SCEP users",
      mailEnabled: false,
      mailNickname: "scepusers",
      securityEnabled: true,
      "members@odata.bind": ["https://graph.microsoft.com/v1.0/directoryObjects/00000000-0000-4000-8000-000000000001"],
    };
    expect(ZGroupCreate.safeParse(body).success).toBe(true);
    expect(failingPaths(ZGroupCreate.safeParse({ displayName: "x" })).sort()).toEqual([
      "mailEnabled",
      "mailNickname",
      "securityEnabled",
    ]);
  });

  it("a role assignment defaults to the tenant-wide scope", () => {
    const parsed = ZRoleAssignmentCreate.parse({
      principalId: "00000000-0000-4000-8000-000000000001",
      roleDefinitionId: "3a2c62db-5318-420d-8d74-23affee5d9d5",
    });
    expect(parsed.directoryScopeId).toBe("/");
  });

  it("accept Microsoft's non-v4 GUIDs such as the Intune pseudo-group ids", () => {
    expect(ZSwitchDirectory.safeParse({ tenantId: "adadadad-808e-44e2-905a-0b7873a8a531" }).success).toBe(true);
    expect(ZSwitchDirectory.safeParse({ tenantId: "contoso" }).success).toBe(false);
  });

  it("a $ref body carries an absolute @odata.id", () => {
    expect(ZRef.safeParse({ "@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/x" }).success).toBe(true);
    expect(ZRef.safeParse({ "@odata.id": "directoryObjects/x" }).success).toBe(false);
  });
});

describe("organization and audit", () => {
  it("parse Graph's organization example", () => {
    const org = {
      id: "38d49456-54d4-455d-a8d6-c383c71e0a6d",
      displayName: "Contoso Ltd",
      tenantType: "AAD",
      countryLetterCode: "US",
      preferredLanguage: "en",
      createdDateTime: "2024-01-01T00:00:00Z",
      mobileDeviceManagementAuthority: "intune",
      technicalNotificationMails: [],
      marketingNotificationEmails: [],
      privacyProfile: null,
      verifiedDomains: [
        { capabilities: "Email, OfficeCommunicationsOnline", isDefault: false, isInitial: true, name: "contoso.onmicrosoft.com", type: "Managed" },
      ],
    };
    expect(ZOrganization.safeParse(org).success).toBe(true);
  });

  it("parse a directoryAudit of a user created by an admin", () => {
    const audit = {
      id: "Directory_0a1b",
      category: "UserManagement",
      correlationId: "5f20c0fe-279c-4c59-bdd2-1ea5a9613d81",
      result: "success",
      resultReason: "",
      activityDisplayName: "Add user",
      activityDateTime: "2026-03-12T08:19:05Z",
      loggedByService: "Core Directory",
      operationType: "Add",
      initiatedBy: { user: { id: "00000000-0000-4000-8000-000000000001", displayName: "Admin", userPrincipalName: "admin@contoso.com" }, app: null },
      targetResources: [
        {
          id: "00000000-0000-4000-8000-000000000002",
          displayName: "Adele Vance",
          type: "User",
          userPrincipalName: "AdeleV@contoso.com",
          modifiedProperties: [{ displayName: "AccountEnabled", oldValue: null, newValue: "[true]" }],
        },
      ],
      additionalDetails: [],
    };
    expect(ZDirectoryAudit.safeParse(audit).success).toBe(true);
  });
});

describe("portal sign-in, tokens and session", () => {
  it("sign-in needs an email-like user name and a password", () => {
    expect(ZSignIn.safeParse({ username: " admin@contoso.com ", password: "x" }).data?.username).toBe("admin@contoso.com");
    expect(failingPaths(ZSignIn.safeParse({ username: "admin", password: "" })).sort()).toEqual(["password", "username"]);
  });

  it("a token lasts 30 days unless told otherwise, at most a year", () => {
    expect(ZApiTokenCreate.parse({ displayName: "CI" }).expiresInDays).toBe(30);
    expect(ZApiTokenCreate.safeParse({ displayName: "CI", expiresInDays: 366 }).success).toBe(false);
    expect(ZApiTokenCreate.safeParse({ displayName: "", expiresInDays: 1 }).success).toBe(false);
  });

  it("the session lists only known actions", () => {
    const session = {
      account: { signInName: "admin@contoso.com" },
      user: { id: "00000000-0000-4000-8000-000000000001", displayName: "Admin", userPrincipalName: "admin@contoso.com" },
      tenant: { id: "00000000-0000-4000-8000-000000000000", displayName: "Contoso", initialDomain: "contoso.onmicrosoft.com", defaultDomain: "contoso.com" },
      roles: [{ id: "62e90394-69f5-4237-9190-012177145e10", displayName: "Global Administrator" }],
      allowedActions: ["directory.read", "lab.write"],
      directories: [],
      csrfToken: "t",
    };
    expect(ZSessionInfo.safeParse(session).success).toBe(true);
    expect(ZSessionInfo.safeParse({ ...session, allowedActions: ["everything"] }).success).toBe(false);
  });
});
