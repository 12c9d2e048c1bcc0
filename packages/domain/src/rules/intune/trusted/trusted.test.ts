import { describe, expect, it } from "vitest";
import { evaluate } from "../../engine";
import type { Rule } from "../../types";
import { correctIntune, profile, ROOT_CERT, ROOT_PROFILE_ID, trustedProfile, withIntune } from "../../../intune/testing";
import type { TrustedCertificateFacts } from "../../../intune/snapshot";
import {
  TRUST_EXPIRED,
  TRUST_NOT_CA_CERT,
  TRUST_PFX_UPLOADED,
  TRUST_WEAK_SIGNATURE_ALG,
  TRUST_WINDOWS_DEST_STORE,
  TRUST_WIN_PLATFORM_LABEL,
} from "./trusted";

const withCert = (c: Partial<TrustedCertificateFacts>) =>
  withIntune(correctIntune(), (i) => (profile(i, ROOT_PROFILE_ID).certificate = { ...ROOT_CERT, ...c }));
const messages = (t: ReturnType<typeof correctIntune>, rule: Rule) => evaluate(t, [rule]).map((f) => f.message);
const quiet = (rule: Rule) => expect(evaluate(correctIntune(), [rule])).toEqual([]);
const windowsRoot = (settings: Record<string, unknown>, cert: Partial<TrustedCertificateFacts> = {}) =>
  withIntune(correctIntune(), (i) => i.profiles.push(trustedProfile("windows", { id: "w", displayName: "Root - Windows", settings, certificate: { ...ROOT_CERT, ...cert } })));

describe("the certificate uploaded to a trusted certificate profile", () => {
  it("TRUST_NOT_CA_CERT fires for a leaf certificate, quiet for the root CA", () => {
    expect(messages(withCert({ isCa: false, subject: "CN=adele" }), TRUST_NOT_CA_CERT)[0]).toContain("holds 'CN=adele', which is not a CA certificate");
    quiet(TRUST_NOT_CA_CERT);
  });
  it("TRUST_PFX_UPLOADED fires when the upload carried a private key, quiet for root.cer", () => {
    expect(messages(withCert({ hasPrivateKey: true }), TRUST_PFX_UPLOADED)[0]).toContain("was given 'root.cer' with a private key");
    quiet(TRUST_PFX_UPLOADED);
  });
  it("TRUST_EXPIRED fires for a root that expired before the snapshot, quiet for one valid until 2035", () => {
    expect(messages(withCert({ notAfter: "2026-01-01T00:00:00Z" }), TRUST_EXPIRED)[0]).toContain("expired on 2026-01-01T00:00:00Z");
    quiet(TRUST_EXPIRED);
  });
  it("TRUST_WEAK_SIGNATURE_ALG fires for a sha1RSA root on iOS, quiet for sha256RSA", () => {
    expect(messages(withCert({ signatureAlgorithm: "sha1RSA" }), TRUST_WEAK_SIGNATURE_ALG)[0]).toContain("signed with sha1RSA");
    quiet(TRUST_WEAK_SIGNATURE_ALG);
  });
  it("TRUST_WINDOWS_DEST_STORE fires for a root in the Intermediate store, quiet in the Root store", () => {
    expect(messages(windowsRoot({ destinationStore: "computerCertStoreIntermediate" }), TRUST_WINDOWS_DEST_STORE)[0]).toContain("puts the root 'CN=Contoso Root CA");
    expect(messages(windowsRoot({ destinationStore: "computerCertStoreRoot" }), TRUST_WINDOWS_DEST_STORE)).toEqual([]);
  });
  it("TRUST_WINDOWS_DEST_STORE fires for an issuing CA in the Root store", () => {
    const t = windowsRoot({ destinationStore: "computerCertStoreRoot" }, { subject: "CN=Contoso Issuing CA" });
    expect(messages(t, TRUST_WINDOWS_DEST_STORE)[0]).toContain("puts the intermediate 'CN=Contoso Issuing CA' in computerCertStoreRoot");
  });
  it("TRUST_WIN_PLATFORM_LABEL informs about a Windows 10 trusted profile, not about iOS", () => {
    expect(evaluate(windowsRoot({}), [TRUST_WIN_PLATFORM_LABEL])).toMatchObject([{ severity: "info", message: "Trusted certificate profile 'Root - Windows' is listed under Windows 8.1 and later." }]);
    quiet(TRUST_WIN_PLATFORM_LABEL);
  });
});
