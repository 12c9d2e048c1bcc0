import { describe, expect, it } from "vitest";
import { brokenVariants, partsOf, withThirdPartyProxy, withWap } from "./broken-variants";
import { correctLab, CORRECT_LAB_NAMES as N } from "./correct-lab";
import { browse, GET_CA_CAPS, resolveInternalHost } from "./lab-browser";
import { MSCEP_DEFAULT_TEMPLATE } from "./snapshot";

const NOW = new Date("2026-03-01T09:00:00Z");
const lab = () => correctLab({ now: NOW });
const variant = (code: string) => brokenVariants({ now: NOW })[code]!();
const MSCEP = `https://${N.ndesFqdn}/certsrv/mscep/mscep.dll`;
const longPkiOperation = (kb: number) => `${MSCEP}?operation=PKIOperation&message=${"A".repeat(kb * 1024)}`;

describe("the lab browser on a correct NDES (seed 002, D.5)", () => {
  it("shows the IIS welcome page at https://<NDES FQDN>/", () => {
    expect(browse(lab(), `https://${N.ndesFqdn}/`)).toMatchObject({ status: 200, title: "IIS Windows Server", reasonCodes: [] });
  });

  it("answers mscep.dll with 403 once the connector is installed and the server restarted", () => {
    const r = browse(lab(), MSCEP);
    expect(r.status).toBe(403);
    expect(r.title).toBe("403 - Forbidden: Access is denied.");
    expect(r.body).toContain("HTTP Error 403.0 – Forbidden");
  });

  it("returns the capabilities list for GetCACaps and the RA and CA certificates for GetCACert", () => {
    expect(browse(lab(), `${MSCEP}?operation=GetCACaps&message=test`)).toMatchObject({ status: 200, body: GET_CA_CAPS });
    const cert = browse(lab(), `${MSCEP}/pkiclient.exe?operation=GetCACert&message=SCEP%20Authority`);
    expect(cert.status).toBe(200);
    expect(cert.body).toContain("EnrollmentAgentOffline");
    expect(cert.body).toContain(`CN=${N.issuingCa}`);
  });

  it("accepts a 30 KB PKIOperation URI (request filtering and HTTP.sys at 65534)", () => {
    expect(browse(lab(), longPkiOperation(30))).toMatchObject({ status: 200, body: "Server accepts a 30KB URI." });
  });

  it("can't resolve an unknown host", () => {
    expect(browse(lab(), "https://nosuchhost.corp.contoso.com/")).toMatchObject({ status: 0, title: "This site can’t be reached" });
  });

  it("refuses plain http once the http:80 binding is removed", () => {
    expect(browse(lab(), `http://${N.ndesFqdn}/certsrv/mscep/mscep.dll`).body).toContain("ERR_CONNECTION_REFUSED");
  });

  it("resolves the NDES server by FQDN and short name for the app proxy connector", () => {
    expect(resolveInternalHost(lab(), N.ndesFqdn.toUpperCase())?.server.name).toBe(N.ndesServer);
    expect(resolveInternalHost(lab(), "ndes01")?.ndes?.id).toBe(lab().ndes[0]!.id);
    expect(resolveInternalHost(lab(), "intranet.contoso.com")).toBeUndefined();
  });
});

describe("the lab browser while NDES is being set up (issue 3's Playwright path)", () => {
  it("shows the general NDES page before the connector is installed", () => {
    const r = browse(variant("CONN_NOT_INSTALLED"), MSCEP);
    expect(r).toMatchObject({ status: 200, title: "Network Device Enrollment Service" });
    expect(r.reasonCodes).toEqual(["CONN_NOT_INSTALLED"]);
  });

  it("shows 503 while the service account is missing from IIS_IUSRS", () => {
    expect(browse(variant("NDES_SVC_NOT_IN_IIS_IUSRS"), MSCEP)).toMatchObject({
      status: 503,
      title: "HTTP Error 503. The service is unavailable.",
      reasonCodes: ["NDES_SVC_NOT_IN_IIS_IUSRS"],
    });
  });

  it("still shows the general NDES page after the connector install until the server restarts", () => {
    expect(browse(variant("NDES_NOT_RESTARTED"), MSCEP)).toMatchObject({ status: 200, reasonCodes: ["NDES_NOT_RESTARTED"] });
  });

  it("shows the general NDES page when the connector has no SCEP, or its policy module didn't register", () => {
    expect(browse(variant("CONN_SCEP_FEATURE_OFF"), MSCEP).reasonCodes).toEqual(["CONN_SCEP_FEATURE_OFF"]);
    expect(browse(variant("NDES_INTERNAL_URL_200"), MSCEP).reasonCodes).toEqual(["NDES_INTERNAL_URL_200"]);
  });

  it("has no https binding on a freshly configured NDES: connection refused", () => {
    const r = browse(variant("IIS_NO_HTTPS_443_BINDING"), MSCEP);
    expect(r.status).toBe(0);
    expect(r.reasonCodes).toEqual(["IIS_NO_HTTPS_443_BINDING"]);
  });

  it("serves 404 for mscep.dll when NDES is installed but not configured", () => {
    const l = lab();
    partsOf(l).ndes.configured = false;
    expect(browse(l, MSCEP)).toMatchObject({ status: 404, reasonCodes: ["NDES_MSCEP_KEY_MISSING"] });
  });
});

describe("503 and 500 causes (S13 via the rules)", () => {
  for (const code of ["NDES_APPPOOL_STOPPED", "NDES_INTERMEDIATE_IN_ROOT_STORE", "CA_CRL_UNREACHABLE", "NDES_CRP_WINDOWS_AUTH"])
    it(`503 for ${code}`, () => expect(browse(variant(code), MSCEP)).toMatchObject({ status: 503, reasonCodes: [code] }));
  for (const code of ["NDES_SVC_ACCOUNT_UNHEALTHY", "NDES_RA_CERTS_EXPIRED", "NDES_RA_KEY_ACL", "NDES_IMPERSONATE_RIGHT_MISSING"])
    it(`"500 - Internal server error." for ${code}`, () =>
      expect(browse(variant(code), MSCEP)).toMatchObject({ status: 500, title: "500 - Internal server error.", reasonCodes: [code] }));
});

describe("long URLs: 414 when a limit is below the request", () => {
  it("IIS request filtering at its defaults rejects a 5 KB PKIOperation", () => {
    const l = lab();
    partsOf(l).ndes.iis.requestFiltering = { maxUrl: 4096, maxQueryString: 2048 };
    expect(browse(l, longPkiOperation(5))).toMatchObject({ status: 414, reasonCodes: ["IIS_REQFILTER_MAXURL_LOW", "IIS_REQFILTER_MAXQUERY_LOW"] });
  });

  it("HTTP.sys without MaxFieldLength/MaxRequestBytes rejects a 30 KB request line first", () => {
    const l = variant("HTTPSYS_MAXFIELDLENGTH_LOW");
    expect(browse(l, longPkiOperation(30))).toMatchObject({ status: 414, reasonCodes: ["HTTPSYS_MAXFIELDLENGTH_LOW"] });
    expect(browse(l, longPkiOperation(1)).status).toBe(200);
  });

  it("a third-party proxy with a 16 KB URI limit answers 414 for the 30 KB test", () => {
    const l = lab();
    withThirdPartyProxy(l, { maxUriBytes: 16384 });
    const r = browse(l, `https://scep.contoso.com/certsrv/mscep/mscep.dll?operation=PKIOperation&message=${"A".repeat(30 * 1024)}`);
    expect(r).toMatchObject({ status: 414, body: "HTTP Error 414. The 30KB URI is too long.", reasonCodes: ["RP_LONG_URI_UNSUPPORTED"] });
  });
});

describe("certificates and names", () => {
  it("warns about the certificate when it doesn't name the host", () => {
    expect(browse(variant("IIS_CERT_NAME_MISMATCH"), MSCEP)).toMatchObject({ title: "Your connection isn’t private", reasonCodes: ["IIS_CERT_NAME_MISMATCH"] });
  });
  it("reports an expired IIS certificate", () => {
    expect(browse(variant("IIS_CERT_EXPIRED"), MSCEP).reasonCodes).toEqual(["IIS_CERT_EXPIRED"]);
  });
  it("answers 400 Invalid Hostname for a short name when the binding has a host name", () => {
    expect(browse(variant("IIS_BINDING_HOSTNAME_SET"), "https://ndes01/certsrv/mscep/mscep.dll").status).toBe(0); // cert lacks the short name
    const l = variant("IIS_BINDING_HOSTNAME_SET");
    partsOf(l).iisCert.san.push("ndes01");
    expect(browse(l, "https://ndes01/certsrv/mscep/mscep.dll")).toMatchObject({ status: 400, reasonCodes: ["IIS_BINDING_HOSTNAME_SET"] });
  });
});

describe("through a Web Application Proxy", () => {
  it("reaches NDES's 403 through a correct WAP", () => {
    const l = lab();
    withWap(l);
    expect(browse(l, "https://ndes.contoso.com/certsrv/mscep/mscep.dll").status).toBe(403);
  });
  it("can't resolve the external name without its DNS record", () => {
    expect(browse(variant("NET_DNS_EXTERNAL_MISSING"), "https://ndes.contoso.com/").reasonCodes).toEqual(["NET_DNS_EXTERNAL_MISSING"]);
  });
  it("asks for an AD FS sign-in with preauthentication", () => {
    expect(browse(variant("WAP_PREAUTH_NOT_PASSTHROUGH"), "https://ndes.contoso.com/certsrv/mscep/mscep.dll")).toMatchObject({ status: 302, reasonCodes: ["WAP_PREAUTH_NOT_PASSTHROUGH"] });
  });
});

it("a fresh NDES registry still holds the default template", () => {
  expect(variant("NDES_TEMPLATE_REGISTRY_DEFAULT").ndes[0]!.mscepRegistry.SignatureTemplate).toBe(MSCEP_DEFAULT_TEMPLATE);
});
