import { describe, expect, it } from "vitest";
import { aBrokenLab, aCorrectLab, check } from "../testing";
import { HTTPSYS_MAXFIELDLENGTH_LOW, HTTPSYS_MAXREQUESTBYTES_LOW, IIS_REQFILTER_MAXQUERY_LOW, IIS_REQFILTER_MAXURL_LOW } from "./request-limits";

const ALL = [IIS_REQFILTER_MAXURL_LOW, IIS_REQFILTER_MAXQUERY_LOW, HTTPSYS_MAXFIELDLENGTH_LOW, HTTPSYS_MAXREQUESTBYTES_LOW];

describe("long URL limits (seed 001 part 2)", () => {
  it("IIS defaults 4096/2048 and absent HTTP.sys values all fire, naming the values", () => {
    const lab = aBrokenLab("IIS_REQFILTER_MAXURL_LOW");
    const n = lab.ndes[0]!;
    n.iis.requestFiltering.maxQueryString = 2048;
    n.httpSysParameters = {};
    expect(check(lab, ...ALL).map((f) => f.message)).toEqual([
      "HTTP\\Parameters\\MaxFieldLength on ndes01.corp.contoso.com is not set (HTTP.sys uses 16384).",
      "HTTP\\Parameters\\MaxRequestBytes on ndes01.corp.contoso.com is not set (HTTP.sys uses 16384).",
      "Default Web Site › Request Filtering › Maximum query string on ndes01.corp.contoso.com is 2048 bytes, not 65534.",
      "Default Web Site › Request Filtering › Maximum URL length on ndes01.corp.contoso.com is 4096 bytes, not 65534.",
    ]);
  });
  it("65534 everywhere is quiet", () => expect(check(aCorrectLab(), ...ALL)).toEqual([]));
});
