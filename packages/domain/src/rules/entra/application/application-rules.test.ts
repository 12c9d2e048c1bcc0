import { describe, expect, it } from "vitest";
import { ROLE_IDS } from "../../../directory/roles";
import { ENTRA_IDS, aTenantWithEntra, correctEntra, withNdesApp, withPublishing } from "../../../entra/testing";
import type { EntraSnapshot } from "../../../entra/snapshot";
import { evaluate } from "../../engine";
import type { Rule } from "../../types";
import {
  APPPROXY_CUSTOM_DOMAIN_NOT_VERIFIED,
  APPPROXY_EXTERNAL_URL_DOMAIN_INVALID,
  APPPROXY_EXTERNAL_URL_NOT_UNIQUE,
  APPPROXY_INTERNAL_URL_NOT_UNIQUE,
  APPPROXY_MAINTENANCE_MODE,
  APPPROXY_NOT_ADMIN,
  APPPROXY_TRANSLATE_BODY,
  APPPROXY_URL_FORMAT,
  APPPROXY_URL_IS_IP,
} from "./application-rules";

const run = (entra: EntraSnapshot, rule: Rule) => evaluate(aTenantWithEntra(entra), [rule]);
const ok = correctEntra;

/** A second published app copied from NDES. */
function withSecondApp(change: Partial<NonNullable<EntraSnapshot["applications"][number]["onPremisesPublishing"]>>): EntraSnapshot {
  const e = correctEntra();
  const ndes = e.applications[0]!;
  e.applications.push({ ...ndes, id: "app-2", displayName: "NDES copy", onPremisesPublishing: { ...ndes.onPremisesPublishing!, ...change } });
  return e;
}

describe("APPPROXY_URL_FORMAT", () => {
  it("fires for an internal URL without the trailing '/'", () => {
    const [f] = run(withPublishing(ok(), { internalUrl: "https://ndes01.corp.contoso.com" }), APPPROXY_URL_FORMAT);
    expect(f?.message).toBe("'NDES': Internal URL 'https://ndes01.corp.contoso.com' does not end with a “/”. Verify that: The URLs start with http or https, and end with a “/”.");
  });
  it("is quiet for the seed 000 URLs", () => expect(run(ok(), APPPROXY_URL_FORMAT)).toEqual([]));
});

describe("APPPROXY_URL_IS_IP", () => {
  it("fires for an internal URL that is an IP address", () => {
    expect(run(withPublishing(ok(), { internalUrl: "https://10.0.0.12/" }), APPPROXY_URL_IS_IP)[0]?.message).toContain("uses the IP address 10.0.0.12");
  });
  it("is quiet for host names", () => expect(run(ok(), APPPROXY_URL_IS_IP)).toEqual([]));
});

describe("APPPROXY_INTERNAL_URL_NOT_UNIQUE / APPPROXY_EXTERNAL_URL_NOT_UNIQUE", () => {
  it("fires once for two apps with the same internal URL", () => {
    const f = run(withSecondApp({ externalUrl: "https://ndes2-contoso.msappproxy.net/" }), APPPROXY_INTERNAL_URL_NOT_UNIQUE);
    expect(f).toHaveLength(1);
    expect(f[0]?.message).toBe("Internal URL 'https://ndes01.corp.contoso.com/' is used by 'NDES', 'NDES copy'.");
  });
  it("fires for two apps with the same external URL (case-insensitive)", () => {
    const e = withSecondApp({ internalUrl: "https://web01.corp.contoso.com/", externalUrl: "https://NDES-contoso.msappproxy.net/" });
    expect(run(e, APPPROXY_EXTERNAL_URL_NOT_UNIQUE)).toHaveLength(1);
    expect(run(e, APPPROXY_INTERNAL_URL_NOT_UNIQUE)).toEqual([]);
  });
  it("is quiet for distinct URLs", () => {
    const e = withSecondApp({ internalUrl: "https://web01.corp.contoso.com/", externalUrl: "https://web-contoso.msappproxy.net/" });
    expect([...run(e, APPPROXY_INTERNAL_URL_NOT_UNIQUE), ...run(e, APPPROXY_EXTERNAL_URL_NOT_UNIQUE)]).toEqual([]);
  });
});

describe("APPPROXY_EXTERNAL_URL_DOMAIN_INVALID", () => {
  it("fires for another tenant's msappproxy.net name", () => {
    const [f] = run(withPublishing(ok(), { externalUrl: "https://ndes-fabrikam.msappproxy.net/" }), APPPROXY_EXTERNAL_URL_DOMAIN_INVALID);
    expect(f?.message).toContain("ndes-fabrikam.msappproxy.net is neither <prefix>-contoso.msappproxy.net nor under a verified custom domain");
  });
  it("is quiet for the default domain", () => expect(run(ok(), APPPROXY_EXTERNAL_URL_DOMAIN_INVALID)).toEqual([]));
});

describe("APPPROXY_CUSTOM_DOMAIN_NOT_VERIFIED", () => {
  const onCustom = (verified: boolean) => ({
    ...withPublishing(ok(), { externalUrl: "https://ndes.contoso.com/" }),
    customDomains: [{ name: "contoso.com", isVerified: verified }],
  });
  it("fires when the external URL's domain is not verified", () => {
    expect(run(onCustom(false), APPPROXY_CUSTOM_DOMAIN_NOT_VERIFIED)[0]?.message).toBe(
      "'NDES': External URL 'https://ndes.contoso.com/' uses the domain contoso.com, which is not verified in this directory.",
    );
  });
  it("is quiet for a verified custom domain", () => expect(run(onCustom(true), APPPROXY_CUSTOM_DOMAIN_NOT_VERIFIED)).toEqual([]));
});

describe("APPPROXY_NOT_ADMIN", () => {
  const withCaller = (roleDefinitionIds: string[]): EntraSnapshot => ({ ...ok(), caller: { userId: "u1", displayName: "Megan", roleDefinitionIds } });
  it("fires for a Cloud Application Administrator saving the app", () => {
    const [f] = run(withCaller([ROLE_IDS.cloudApplicationAdministrator]), APPPROXY_NOT_ADMIN);
    expect(f?.message).toContain('Megan: The account holds Cloud Application Administrator (Cloud Application Administrator manages enterprise applications "except App Proxy")');
  });
  it("reads the caller's roles from the directory when not given", () => {
    const t = aTenantWithEntra();
    const admin = t.directory.users[0]!;
    t.entra = { ...t.entra!, caller: { userId: admin.id, displayName: admin.displayName } };
    expect(evaluate(t, [APPPROXY_NOT_ADMIN])).toEqual([]);
  });
  it("is quiet for an Application Administrator, and on Health (no caller)", () => {
    expect(run(withCaller([ROLE_IDS.applicationAdministrator]), APPPROXY_NOT_ADMIN)).toEqual([]);
    expect(run(ok(), APPPROXY_NOT_ADMIN)).toEqual([]);
  });
});

describe("APPPROXY_MAINTENANCE_MODE", () => {
  it("fires when Maintenance Mode is on", () => {
    const [f] = run(withNdesApp(ok(), (a) => ({ ...a, maintenanceMode: true })), APPPROXY_MAINTENANCE_MODE);
    expect(f?.message).toBe("'NDES' (https://ndes-contoso.msappproxy.net/) is in Maintenance Mode.");
    expect(f?.objects[0]?.id).toBe(ENTRA_IDS.application);
  });
  it("is quiet when off", () => expect(run(ok(), APPPROXY_MAINTENANCE_MODE)).toEqual([]));
});

describe("APPPROXY_TRANSLATE_BODY", () => {
  it("reports Translate URLs in Application Body as info", () => {
    expect(run(withPublishing(ok(), { isTranslateLinksInBodyEnabled: true }), APPPROXY_TRANSLATE_BODY)[0]).toMatchObject({ severity: "info" });
  });
  it("is quiet at the default", () => expect(run(ok(), APPPROXY_TRANSLATE_BODY)).toEqual([]));
});
