import { describe, expect, it } from "vitest";
import { ROLE_IDS } from "../directory/roles";
import {
  ZApplicationPatch,
  ZConnectorGroupCreate,
  ZInstantiateBody,
  ZOnPremisesPublishing,
  ZOnPremisesPublishingPatch,
  applyOnPremisesPublishingPatch,
  classifyExternalHost,
  cnameTargetFor,
  defaultAppProxyDomain,
  externalDomainOptions,
  externalUrlFor,
  refTargetId,
  applicationRefId,
  validateAppProxySave,
  validateAppProxyUrl,
  type AppProxySaveContext,
} from "./on-premises-publishing";

const ctx = (over: Partial<AppProxySaveContext> = {}): AppProxySaveContext => ({
  tenantInitialDomain: "contoso.onmicrosoft.com",
  domains: [
    { name: "contoso.onmicrosoft.com", isVerified: true },
    { name: "contoso.com", isVerified: true },
    { name: "fabrikam.com", isVerified: false },
  ],
  applications: [
    {
      id: "app-1",
      displayName: "Expenses",
      onPremisesPublishing: { internalUrl: "https://expenses.corp.contoso.com/", externalUrl: "https://expenses-contoso.msappproxy.net/" },
    },
  ],
  ...over,
});

describe("onPremisesPublishing schemas", () => {
  it("applies the §8.4 / seed 003 defaults to a new application's settings", () => {
    const p = ZOnPremisesPublishing.parse({ internalUrl: "https://ndes01.corp.contoso.com/", externalUrl: "https://ndes-contoso.msappproxy.net/" });
    expect(p).toMatchObject({
      externalAuthenticationType: "aadPreAuthentication",
      applicationServerTimeout: "default",
      isTranslateHostHeaderEnabled: true,
      isTranslateLinksInBodyEnabled: false,
      isHttpOnlyCookieEnabled: false,
      isSecureCookieEnabled: true,
      isPersistentCookieEnabled: false,
      isBackendCertificateValidationEnabled: true,
      isOnPremPublishingEnabled: true,
    });
  });

  it("accepts the tutorial's PATCH body of §8.5 step 3 and refuses unknown properties", () => {
    const body = {
      onPremisesPublishing: {
        externalAuthenticationType: "passthru",
        internalUrl: "https://ndes01.corp.contoso.com/",
        externalUrl: "https://ndes-contoso.msappproxy.net/",
        isTranslateHostHeaderEnabled: true, isTranslateLinksInBodyEnabled: false,
        isHttpOnlyCookieEnabled: false, isSecureCookieEnabled: true, isPersistentCookieEnabled: false,
        isOnPremPublishingEnabled: true, applicationServerTimeout: "default",
        isBackendCertificateValidationEnabled: true,
      },
    };
    expect(ZApplicationPatch.safeParse(body).success).toBe(true);
    expect(ZApplicationPatch.safeParse({ identifierUris: ["api://x"], web: { redirectUris: ["https://ndes-contoso.msappproxy.net"], homePageUrl: "https://ndes-contoso.msappproxy.net" } }).success).toBe(true);
    expect(ZOnPremisesPublishingPatch.safeParse({ externalAuthenticationType: "passthrough" }).success).toBe(false);
    expect(ZApplicationPatch.safeParse({ onPremisesPublishing: { preAuth: "passthru" } }).success).toBe(false);
    expect(ZApplicationPatch.safeParse({ signInAudience: "AzureADMyOrg" }).success).toBe(false);
  });

  it("accepts the custom-domain PFX as key or value and its password as secretText or value", () => {
    const a = ZOnPremisesPublishingPatch.parse({
      verifiedCustomDomainKeyCredential: { type: "X509CertAndPassword", value: "TUlJQw==" },
      verifiedCustomDomainPasswordCredential: { value: "P@ss" },
    });
    expect(a.verifiedCustomDomainKeyCredential?.key).toBe("TUlJQw==");
    expect(a.verifiedCustomDomainPasswordCredential?.secretText).toBe("P@ss");
    const b = ZOnPremisesPublishingPatch.parse({
      verifiedCustomDomainKeyCredential: { type: "X509CertAndPassword", key: "TUlJQw==" },
      verifiedCustomDomainPasswordCredential: { secretText: "P@ss" },
    });
    expect(b.verifiedCustomDomainKeyCredential?.key).toBe("TUlJQw==");
    expect(ZOnPremisesPublishingPatch.safeParse({ verifiedCustomDomainKeyCredential: { type: "X509CertAndPassword" } }).success).toBe(false);
  });

  it("applies a PATCH over the defaults, keeping read-only properties out", () => {
    const p = applyOnPremisesPublishingPatch(null, { externalAuthenticationType: "passthru", internalUrl: "https://ndes01.corp.contoso.com/", applicationType: "nonwebapp" });
    expect(p.externalAuthenticationType).toBe("passthru");
    expect(p.isSecureCookieEnabled).toBe(true);
    expect(p.applicationType).toBeUndefined();
    expect(applyOnPremisesPublishingPatch(p, { applicationServerTimeout: "long" })).toMatchObject({ applicationServerTimeout: "long", externalAuthenticationType: "passthru" });
  });

  it("validates instantiate, connector group and $ref bodies", () => {
    expect(ZInstantiateBody.safeParse({ displayName: "NDES" }).success).toBe(true);
    expect(ZInstantiateBody.safeParse({}).success).toBe(false);
    expect(ZConnectorGroupCreate.safeParse({ name: "NDES Connector Group", region: "eur" }).success).toBe(true);
    expect(ZConnectorGroupCreate.safeParse({ name: "x", region: "usa" }).success).toBe(false);
    expect(refTargetId("https://graph.microsoft.com/beta/onPremisesPublishingProfiles/applicationproxy/connectorGroups/3e6f4c35-a04b-4d03-b98a-66fff89b72e6", "connectorGroups")).toBe("3e6f4c35-a04b-4d03-b98a-66fff89b72e6");
    expect(refTargetId("https://graph.microsoft.com/beta/users/abc", "connectorGroups")).toBeUndefined();
    expect(applicationRefId("https://graph.microsoft.com/beta/applications/abc")).toBe("abc");
  });
});

describe("external URL", () => {
  it("builds the default app proxy domain and the URL the form shows", () => {
    expect(defaultAppProxyDomain("contoso.onmicrosoft.com")).toBe("contoso.msappproxy.net");
    expect(externalUrlFor("ndes", "default", "contoso.onmicrosoft.com")).toBe("https://ndes-contoso.msappproxy.net/");
    expect(externalUrlFor("NDES", "contoso.msappproxy.net", "contoso.onmicrosoft.com")).toBe("https://ndes-contoso.msappproxy.net/");
    expect(externalUrlFor("ndes", "oceanleaf.tech", "oceanleaf.onmicrosoft.com")).toBe("https://ndes.oceanleaf.tech/");
  });

  it("lists the default domain and verified custom domains only", () => {
    expect(externalDomainOptions("contoso.onmicrosoft.com", ctx().domains).map((o) => o.label)).toEqual(["-contoso.msappproxy.net/", ".contoso.com/"]);
  });

  it("classifies hosts and computes the CNAME target of seed 004", () => {
    expect(classifyExternalHost("ndes-contoso.msappproxy.net", "contoso.onmicrosoft.com", [])).toEqual({ kind: "default", prefix: "ndes" });
    expect(classifyExternalHost("ndes-fabrikam.msappproxy.net", "contoso.onmicrosoft.com", [])).toEqual({ kind: "foreign" });
    expect(classifyExternalHost("ndes.fabrikam.com", "contoso.onmicrosoft.com", ctx().domains)).toMatchObject({ kind: "custom", isVerified: false });
    expect(cnameTargetFor("ndes.oceanleaf.tech", "oceanleaf.tech", "oceanleaf.onmicrosoft.com")).toBe("ndes-oceanleaf.msappproxy.net");
  });
});

describe("save-time validation (seed 003 troubleshooting)", () => {
  const ok = { internalUrl: "https://ndes01.corp.contoso.com/", externalUrl: "https://ndes-contoso.msappproxy.net/" };

  it("saves the seed 000 NDES application", () => {
    expect(validateAppProxySave(ok, ctx({ callerRoleIds: [ROLE_IDS.applicationAdministrator] }))).toEqual([]);
  });

  it("refuses a URL without the trailing '/' or without http(s), naming the field", () => {
    const [e] = validateAppProxyUrl("onPremisesPublishing.internalUrl", "https://ndes01.corp.contoso.com");
    expect(e).toMatchObject({ code: "APPPROXY_URL_FORMAT", field: "onPremisesPublishing.internalUrl" });
    expect(e?.message).toBe("Internal URL 'https://ndes01.corp.contoso.com' does not end with a “/”. Verify that: The URLs start with http or https, and end with a “/”.");
    expect(validateAppProxyUrl("onPremisesPublishing.externalUrl", "ndes-contoso.msappproxy.net/")[0]?.message).toContain("does not start with http:// or https://");
  });

  it("refuses an IP address", () => {
    const errors = validateAppProxySave({ ...ok, internalUrl: "https://10.0.0.12/" }, ctx());
    expect(errors.map((e) => e.code)).toEqual(["APPPROXY_URL_IS_IP"]);
    expect(errors[0]?.message).toContain("The URL should be a domain name, not an IP address");
  });

  it("refuses internal and external URLs another application uses", () => {
    const errors = validateAppProxySave({ internalUrl: "https://EXPENSES.corp.contoso.com/", externalUrl: "https://expenses-contoso.msappproxy.net/" }, ctx());
    expect(errors.map((e) => e.code)).toEqual(["APPPROXY_INTERNAL_URL_NOT_UNIQUE", "APPPROXY_EXTERNAL_URL_NOT_UNIQUE"]);
    expect(errors[0]?.message).toContain("already used by the application 'Expenses'");
    expect(validateAppProxySave({ applicationId: "app-1", internalUrl: "https://expenses.corp.contoso.com/", externalUrl: "https://expenses-contoso.msappproxy.net/" }, ctx())).toEqual([]);
  });

  it("refuses another tenant's msappproxy.net name, an unknown domain and an unverified custom domain", () => {
    expect(validateAppProxySave({ ...ok, externalUrl: "https://ndes-fabrikam.msappproxy.net/" }, ctx()).map((e) => e.code)).toEqual(["APPPROXY_EXTERNAL_URL_DOMAIN_INVALID"]);
    expect(validateAppProxySave({ ...ok, externalUrl: "https://ndes.example.org/" }, ctx()).map((e) => e.code)).toEqual(["APPPROXY_EXTERNAL_URL_DOMAIN_INVALID"]);
    expect(validateAppProxySave({ ...ok, externalUrl: "https://ndes.fabrikam.com/" }, ctx()).map((e) => e.code)).toEqual(["APPPROXY_CUSTOM_DOMAIN_NOT_VERIFIED"]);
    expect(validateAppProxySave({ ...ok, externalUrl: "https://ndes.contoso.com/" }, ctx())).toEqual([]);
  });

  it("refuses a Cloud Application Administrator: the role is '…except App Proxy'", () => {
    const [e, ...rest] = validateAppProxySave(ok, ctx({ callerRoleIds: [ROLE_IDS.cloudApplicationAdministrator] }));
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ code: "APPPROXY_NOT_ADMIN", field: "caller" });
    expect(e?.message).toContain("Cloud Application Administrator");
    expect(e?.message).toContain("Application Administrator");
    expect(validateAppProxySave(ok, ctx({ callerRoleIds: [ROLE_IDS.globalAdministrator] }))).toEqual([]);
  });
});
