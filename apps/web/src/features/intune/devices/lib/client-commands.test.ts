// The real-client command lines: flags as the real-client tests run them (apps/api/test/scep-helpers.ts), the
// subject in the order each client writes it, and a warning where a client can't send what the profile asks for.
import { describe, expect, it } from "vitest";
import { clientCommands, parseRdns, scepclientCommands, shellQuote, sscepCommands, strongswanCommands, type ScepChallenge } from "./client-commands";

const base: ScepChallenge = {
  challenge: "QUJD+/ZGVm==",
  subject: "CN=iphone-01,O=Contoso",
  subjectAlternativeNames: [{ type: "email", value: "adele@contoso.com" }],
  keyUsage: ["digitalSignature", "keyEncipherment"],
  extendedKeyUsage: ["1.3.6.1.5.5.7.3.2"],
  keySize: 2048,
  expiresDateTime: "2026-12-03T16:00:00.000Z",
  localUrl: "http://127.0.0.1:3000/scep/t1/ndes01.corp.contoso.com/certsrv/mscep/mscep.dll",
};
const URL_ = base.localUrl!;

describe("real-client command lines", () => {
  it("parses a subject with escaped commas", () => {
    expect(parseRdns("CN=Doe\\, Jane,OU=MDM, O=Contoso")).toEqual([
      ["CN", "Doe, Jane"],
      ["OU", "MDM"],
      ["O", "Contoso"],
    ]);
  });

  it("quotes for the shell", () => {
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });

  it("scepclient: PKCS#1 key of the profile's size, the CN, and a warning when the profile's subject isn't scepclient's fixed one", () => {
    const c = scepclientCommands(base, URL_, "iphone-01");
    expect(c.script).toContain("openssl genrsa -traditional -out k.pem 2048");
    expect(c.script).toContain(`scepclient -server-url '${URL_}' -private-key k.pem -certificate device.crt -challenge 'QUJD+/ZGVm==' -cn 'iphone-01'`);
    expect(c.caveats.join(" ")).toMatch(/subject mismatch/);
    expect(c.caveats.join(" ")).toMatch(/subject alternative names/);
    const fits = scepclientCommands({ ...base, subject: "CN=iphone-01,OU=MDM,O=scep-client,C=US", subjectAlternativeNames: [] }, URL_, "iphone-01");
    expect(fits.caveats).toEqual([]);
  });

  it("strongSwan: --dn in DER order (RDNs reversed), typed SANs, the RA certificates by role", () => {
    const c = strongswanCommands({ ...base, keySize: 4096 }, URL_);
    expect(c.script).toContain(`pki --scepca --url '${URL_}' --caout ca.crt --raout ra.crt --outform pem`);
    expect(c.script).toContain("pki --gen --type rsa --size 4096 --outform pem > sw.key");
    expect(c.script).toContain(`--dn 'O=Contoso, CN=iphone-01' --san 'email:adele@contoso.com' --password 'QUJD+/ZGVm==' --cacert-enc ra.crt --cacert-sig ra-2.crt --cacert ca.crt`);
    expect(c.caveats).toEqual([]);
    const upn = strongswanCommands({ ...base, subjectAlternativeNames: [{ type: "upn", value: "adele@contoso.com" }] }, URL_);
    expect(upn.caveats.join(" ")).toMatch(/user principal name/);
  });

  it("sscep: an openssl request with the challenge, the subject in DER order, key usage and SANs", () => {
    const c = sscepCommands({ ...base, subject: "CN=a,OU=x,OU=y,O=Contoso", subjectAlternativeNames: [{ type: "upn", value: "adele@contoso.com" }, { type: "dns", value: "a.contoso.com" }] }, URL_);
    const lines = c.script.split("\n");
    const dn = lines.slice(lines.indexOf("[dn]") + 1, lines.indexOf("[attrs]"));
    expect(dn).toEqual(["O = Contoso", "OU = y", "1.OU = x", "CN = a"]);
    expect(c.script).toContain("challengePassword = QUJD+/ZGVm==");
    expect(c.script).toContain("keyUsage = critical, digitalSignature, keyEncipherment");
    expect(c.script).toContain("subjectAltName = otherName:1.3.6.1.4.1.311.20.2.3;UTF8:adele@contoso.com, DNS:a.contoso.com");
    expect(c.script).toContain(`sscep enroll -u '${URL_}' -c ca.crt -k local.key -r local.csr -l local.crt`);
  });

  it("sscep: Intune's E= is openssl's emailAddress", () => {
    const c = sscepCommands({ ...base, subject: "CN=adele,E=adele@contoso.com" }, URL_);
    expect(c.script).toContain("[dn]\nemailAddress = adele@contoso.com\nCN = adele\n[attrs]");
  });

  it("answers the three clients in order", () => {
    expect(clientCommands(base, URL_, "iphone-01").map((c) => c.client)).toEqual(["scepclient", "strongswan", "sscep"]);
  });
});
