import { describe, expect, it } from "vitest";
import { ZAppProxyConnectorInstall, ZConnectorInstall, ZIisUpdate, ZNdesConfigure, ZServerCreate, ZTemplateDuplicate, ZTemplateUpdate } from "./schemas";

const install = { serverId: "srv-ndes01", features: { scep: true, pkcs: false, pkcsImported: false, revocation: true }, signIn: { upn: "intune.admin@contoso.com", password: "x" } };

describe("lab API bodies", () => {
  it("refuse a connector proxy without http:// or https:// (CONN_PROXY_NO_SCHEME), as the wizard asks", () => {
    const r = ZConnectorInstall.safeParse({ ...install, proxy: { address: "proxy.contoso.com", port: 8080 } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain("HTTP or HTTPS prefix");
    expect(ZConnectorInstall.parse({ ...install, proxy: { address: "http://proxy.contoso.com", port: 8080 } }).serviceAccount).toBe("SYSTEM");
  });

  it("need at least one connector feature", () => {
    expect(ZConnectorInstall.safeParse({ ...install, features: { scep: false, pkcs: false, pkcsImported: false, revocation: false } }).success).toBe(false);
  });

  it("offer NDES only CryptoAPI providers", () => {
    const base = { serverId: "s", roleServices: ["networkDeviceEnrollmentService"], serviceAccount: "CONTOSO\\svc-ndes", caId: "ca" };
    expect(ZNdesConfigure.safeParse({ ...base, cryptography: { signatureProvider: "Microsoft Software Key Storage Provider" } }).success).toBe(false);
    expect(ZNdesConfigure.parse({ ...base, cryptography: {} }).cryptography?.keyLength).toBe(2048);
  });

  it("are strict: unknown fields are errors", () => {
    expect(ZServerCreate.safeParse({ name: "NDES01", os: "2022", colour: "blue" }).success).toBe(false);
    expect(ZServerCreate.safeParse({ name: "THIS-NAME-IS-TOO-LONG", os: "2022" }).success).toBe(false);
  });

  it("duplicate a template by display name; a template name has no spaces", () => {
    expect(ZTemplateDuplicate.safeParse({ sourceTemplate: "User", displayName: "Intune SCEP", name: "Intune SCEP" }).success).toBe(false);
    expect(ZTemplateDuplicate.parse({ sourceTemplate: "User", displayName: "Intune SCEP" }).name).toBeUndefined();
    expect(ZTemplateUpdate.parse({ subjectName: { source: "supplyInRequest" } })).toEqual({ subjectName: { source: "supplyInRequest" } });
  });

  it("need a certificate for an https binding", () => {
    expect(ZIisUpdate.safeParse({ bindings: [{ protocol: "https", port: 443 }] }).success).toBe(false);
  });

  it("install the private network connector only with the terms accepted", () => {
    expect(ZAppProxyConnectorInstall.safeParse({ serverId: "s", acceptTerms: false, registerAsUpn: "a@contoso.com", password: "x" }).success).toBe(false);
  });
});
