import { describe, expect, it } from "vitest";
import { ZBindingCreate, ZIntuneConnectorInstall, ZLabReset, ZPrivateNetworkConnectorInstall, ZTemplateDuplicate } from "./schemas";

describe("lab console bodies", () => {
  it("are strict: an unknown property is an error naming it", () => {
    const res = ZLabReset.safeParse({ scenario: "fresh", wipe: true });
    expect(res.success).toBe(false);
    expect(JSON.stringify(res.error?.issues)).toContain("wipe");
  });

  it("an https binding needs an SSL certificate; an http binding doesn't", () => {
    const https = ZBindingCreate.safeParse({ protocol: "https", port: 443 });
    expect(https.success).toBe(false);
    expect(https.error?.issues[0]?.path).toEqual(["certificateThumbprint"]);
    expect(ZBindingCreate.safeParse({ protocol: "http", port: 80 }).success).toBe(true);
  });

  it("the private network connector installs only with its terms accepted", () => {
    const body = { registerAsUpn: "app-admin@contoso.onmicrosoft.com", password: "x" };
    expect(ZPrivateNetworkConnectorInstall.safeParse({ ...body, acceptTerms: false }).success).toBe(false);
  });

  it("the Intune connector wizard defaults to the SCEP feature, and accepts a proxy without a scheme so CONN_PROXY_NO_SCHEME can be rehearsed", () => {
    const parsed = ZIntuneConnectorInstall.parse({ serviceAccount: "SYSTEM", proxy: "proxy.contoso.com:8080", signIn: { userPrincipalName: "intune-admin@contoso.onmicrosoft.com", password: "x" } });
    expect(parsed.features.scep).toBe(true);
    expect(parsed.proxy).toBe("proxy.contoso.com:8080");
  });

  it("a duplicated template needs a display name", () => {
    expect(ZTemplateDuplicate.safeParse({ displayName: "  " }).success).toBe(false);
    expect(ZTemplateDuplicate.safeParse({ displayName: "Intune SCEP" }).success).toBe(true);
  });
});
