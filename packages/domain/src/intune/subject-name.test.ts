import { describe, expect, it } from "vitest";
import { findVariable, illegalCharsAfterVariables, parseFormat, previewSubject, SUBJECT_VARIABLES, variablesOf } from "./subject-name";

const sample = {
  user: { userPrincipalName: "adele@contoso.com", emailAddress: "adele.vance@contoso.com", onPremisesDistinguishedName: "CN=Adele Vance,OU=Users,DC=corp,DC=contoso,DC=com" },
  device: { aadDeviceId: "8d6c1f0e-1111-4a2b-9c3d-123456789abc", deviceName: "ADELE-IPHONE", serialNumber: "F17XK2LMN0P1" },
};

describe("subject name variables", () => {
  it("lists the documented user and device variables", () => {
    const names = SUBJECT_VARIABLES.map((v) => v.name);
    for (const n of ["UserName", "UserPrincipalName", "EmailAddress", "OnPrem_Distinguished_Name", "OnPremisesSamAccountName", "Department", "OnPremisesSecurityIdentifier"])
      expect(findVariable(n)?.scope).toBe("user");
    for (const n of ["AAD_Device_ID", "DeviceId", "Device_Serial", "Device_IMEI", "SerialNumber", "IMEI", "MEID", "DeviceName", "FullyQualifiedDomainName"])
      expect(findVariable(n)?.scope).toBe("device");
    expect(names).toContain("WiFiMacAddress");
    expect(findVariable("SERIALNUMBER")?.name).toBe("SerialNumber");
  });

  it("resolves CN={{UserName}},E={{EmailAddress}} for the wizard's preview", () => {
    expect(previewSubject("CN={{UserName}},E={{EmailAddress}}", sample)).toEqual({ text: "CN=adele,E=adele.vance@contoso.com", unresolved: [], issues: [] });
  });
  it("resolves a DNS SAN of seed 004 and leaves what the sample lacks as written", () => {
    expect(previewSubject("{{DeviceName}}.oceanleaf.tech", sample).text).toBe("ADELE-IPHONE.oceanleaf.tech");
    expect(previewSubject("CN={{IMEI}}", sample)).toMatchObject({ text: "CN={{IMEI}}", unresolved: ["IMEI"] });
  });
  it("finds single braces, unclosed variables, a stray }} and a bare variable name", () => {
    expect(parseFormat("CN={UserName}").issues.map((i) => i.kind)).toEqual(["singleBrace"]);
    expect(parseFormat("CN={{UserName").issues.map((i) => i.kind)).toEqual(["unclosed"]);
    expect(parseFormat("CN=UserName}}").issues.map((i) => i.kind)).toEqual(["unopened"]);
    expect(parseFormat("CN=AAD_Device_ID").issues.map((i) => i.kind)).toEqual(["bareVariable"]);
    expect(parseFormat("CN={{Nope}}").issues.map((i) => i.kind)).toEqual(["unknownVariable"]);
    expect(parseFormat('CN="{{OnPrem_Distinguished_Name}}",O=Contoso').issues).toEqual([]);
  });
  it("sorts the variables a format uses by scope", () => {
    expect(variablesOf("CN={{AAD_Device_ID}},E={{EmailAddress}}")).toEqual({ user: ["EmailAddress"], device: ["AAD_Device_ID"] });
  });
  it("finds | and ; in the text after a variable of a SAN value", () => {
    expect(illegalCharsAfterVariables("{{UserPrincipalName}};x|y")).toEqual([";", "|"]);
    expect(illegalCharsAfterVariables("a;b{{UserPrincipalName}}")).toEqual([]);
  });
});
