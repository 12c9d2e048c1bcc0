import { describe, expect, it } from "vitest";
import { aBrokenLab, aCorrectLab, check } from "../testing";
import { CONN_NET_ENDPOINTS_BLOCKED, CONN_PROXY_NO_SCHEME } from "./connector-network";
import { CONN_NOT_INSTALLED, CONN_ON_CA_SERVER } from "./connector-placement";
import { CONN_SIGNIN_NO_LICENSE, CONN_SIGNIN_ROLE } from "./connector-signin";

describe("the Certificate Connector for Microsoft Intune on its server", () => {
  it("signed in by a Global Reader: the wizard needs a Global or Intune Administrator", () => {
    expect(check(aBrokenLab("CONN_SIGNIN_ROLE"), CONN_SIGNIN_ROLE)[0]?.message).toBe("The connector was signed in as intune.admin@contoso.com, who holds Global Reader.");
  });
  it("signed in without an Intune license (the reader's pitfall in seed 001)", () => {
    expect(check(aBrokenLab("CONN_SIGNIN_NO_LICENSE"), CONN_SIGNIN_NO_LICENSE)[0]?.symptom).toContain("An Intune license is required for the account that you sign in with");
  });
  it("a proxy typed without its scheme", () => {
    expect(check(aBrokenLab("CONN_PROXY_NO_SCHEME"), CONN_PROXY_NO_SCHEME, CONN_NET_ENDPOINTS_BLOCKED).map((f) => f.code)).toEqual(["CONN_PROXY_NO_SCHEME"]);
  });
  it("behind a mandatory proxy the connector needs the proxy configured", () => {
    const lab = aCorrectLab();
    lab.servers.find((s) => s.name === "NDES01")!.network.outboundProxy = "http://proxy.contoso.com:8080";
    expect(check(lab, CONN_NET_ENDPOINTS_BLOCKED)[0]?.message).toContain("the connector has no proxy configured");
  });
  it("not installed and installed on the CA", () => {
    expect(check(aBrokenLab("CONN_NOT_INSTALLED"), CONN_NOT_INSTALLED)[0]?.message).toBe("No Certificate Connector for Microsoft Intune is installed on ndes01.corp.contoso.com.");
    expect(check(aBrokenLab("CONN_ON_CA_SERVER"), CONN_ON_CA_SERVER)[0]?.message).toBe("The connector is installed on ca01.corp.contoso.com, which hosts the CA 'Contoso Issuing CA'.");
  });
});
