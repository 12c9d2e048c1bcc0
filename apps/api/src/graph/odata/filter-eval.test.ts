import { describe, expect, it } from "vitest";
import { matchesFilter } from "./filter-eval";
import { parseFilter, parseFilterSyntax } from "./filter-parser";
import {
  applicationType, deviceConfigurations, deviceConfigurationType, E3_SKU, groups, groupType, ids, INTUNE_SKU, users, userType,
} from "./test-fixtures";
import type { EntityTypeInfo } from "./types";

function run(text: string, entities: Record<string, unknown>[], type: EntityTypeInfo): unknown[] {
  const node = parseFilter(text, type);
  return ids(entities.filter((e) => matchesFilter(node, e, type)));
}
const u = (text: string) => run(text, users, userType);
const dc = (text: string) => run(text, deviceConfigurations, deviceConfigurationType);

describe("matchesFilter: comparisons", () => {
  it("eq and ne on strings", () => {
    expect(u("displayName eq 'Adele Vance'")).toEqual(["u1"]);
    expect(u("displayName ne 'Adele Vance'")).toEqual(["u2", "u3", "u4"]);
  });

  it("directory strings compare case-insensitively by default", () => {
    expect(u("displayName eq 'ADELE VANCE'")).toEqual(["u1"]);
    expect(u("userPrincipalName eq 'alexw@CONTOSO.com'")).toEqual(["u2"]);
    expect(u("startswith(displayName,'a')")).toEqual(["u1", "u2"]);
  });

  it("types that opt out compare strings exactly", () => {
    expect(dc("displayName eq 'iOS SCEP'")).toEqual(["0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0002"]);
    expect(dc("displayName eq 'ios scep'")).toEqual([]);
    expect(dc("startswith(displayName,'Windows')")).toEqual(["0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0003"]);
  });

  it("a doubled quote in a literal matches an apostrophe in the data", () => {
    expect(u("displayName eq 'Megan O''Brien'")).toEqual(["u3"]);
  });

  it("eq null matches null and missing values; ne null the rest", () => {
    expect(u("mail eq null")).toEqual(["u2"]);
    expect(u("mail ne null")).toEqual(["u1", "u3", "u4"]);
    expect(u("givenName eq null")).toEqual(["u3"]);
    expect(dc("keySize eq null")).toEqual(["0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0001", "0B6F2A8E-58A4-4C1D-9D5E-1F1B7A0C0004"]);
  });

  it("ordering operators on numbers, and never match a null", () => {
    expect(dc("version gt 1")).toEqual(["0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0002", "0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0003"]);
    expect(dc("version ge 3")).toEqual(["0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0002"]);
    expect(dc("renewalThresholdPercentage lt 10")).toEqual(["0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0003"]);
    expect(dc("renewalThresholdPercentage le 20")).toHaveLength(2);
  });

  it("datetimes compare as instants, whatever the offset notation", () => {
    expect(u("createdDateTime ge 2025-01-01T00:00:00Z")).toEqual(["u1", "u2"]);
    expect(u("createdDateTime lt 2025-01-01T01:00:00+01:00")).toEqual(["u3"]);
    expect(u("createdDateTime eq 2026-02-15T10:30:00+02:00")).toEqual(["u2"]);
    expect(u("createdDateTime gt 2020-01-01")).toEqual(["u1", "u2", "u3"]);
  });

  it("booleans", () => {
    expect(u("accountEnabled eq false")).toEqual(["u2"]);
    expect(u("accountEnabled")).toEqual(["u1", "u3", "u4"]);
    expect(u("not accountEnabled")).toEqual(["u2"]);
  });

  it("GUIDs compare case-insensitively, bare or quoted", () => {
    expect(dc("id eq 0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0004")).toEqual(["0B6F2A8E-58A4-4C1D-9D5E-1F1B7A0C0004"]);
    expect(dc("id eq '0B6F2A8E-58A4-4C1D-9D5E-1F1B7A0C0001'")).toEqual(["0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0001"]);
  });

  it("enums compare by member name; flags compare as a set of member names", () => {
    expect(u("userType eq 'Guest'")).toEqual(["u3"]);
    expect(dc("keySize eq 'size4096'")).toEqual(["0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0003"]);
    expect(dc("keyUsage eq 'digitalSignature,keyEncipherment'")).toEqual(["0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0002"]);
    expect(dc("keyUsage eq 'digitalSignature'")).toEqual(["0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0003"]);
  });

  it("in matches any member of the list", () => {
    expect(u("id in ('u2','u4','nobody')")).toEqual(["u2", "u4"]);
    expect(u("displayName in ('zoe archer', 'x')")).toEqual(["u4"]);
  });

  it("paths into complex properties; a null parent reads as null", () => {
    expect(u("employeeOrgData/division eq 'Sales'")).toEqual(["u1", "u4"]);
    expect(u("employeeOrgData/costCenter eq null")).toEqual(["u2", "u3"]);
    const apps = [
      { id: "a1", displayName: "NDES", onPremisesPublishing: { externalUrl: "https://ndes-contoso.msappproxy.net/", isOnPremPublishingEnabled: true } },
      { id: "a2", displayName: "Other", onPremisesPublishing: null },
    ];
    expect(run("startswith(onPremisesPublishing/externalUrl,'https://ndes')", apps, applicationType)).toEqual(["a1"]);
    expect(run("onPremisesPublishing/isOnPremPublishingEnabled eq true", apps, applicationType)).toEqual(["a1"]);
  });
});

describe("matchesFilter: logic and precedence", () => {
  it("and binds tighter than or: a or (b and c)", () => {
    // u1 matches by the first clause only; u2 would need both of the and-clauses.
    expect(u("displayName eq 'Adele Vance' or accountEnabled eq true and userType eq 'Guest'")).toEqual(["u1", "u3"]);
    expect(u("(displayName eq 'Adele Vance' or accountEnabled eq true) and userType eq 'Guest'")).toEqual(["u3"]);
  });

  it("not over a group and over a function", () => {
    expect(u("not (accountEnabled eq true and userType eq 'Member')")).toEqual(["u2", "u3"]);
    expect(u("not startswith(displayName,'a')")).toEqual(["u3", "u4"]);
  });
});

describe("matchesFilter: functions", () => {
  it("startswith, endswith and contains; a null value matches none", () => {
    expect(u("endswith(mail,'@contoso.com')")).toEqual(["u1", "u3"]);
    expect(u("contains(displayName,'er')")).toEqual(["u2", "u4"]);
    expect(u("contains(mail,'')")).toEqual(["u1", "u3", "u4"]);
  });

  it("tolower / toupper on the left of a comparison", () => {
    expect(u("tolower(displayName) eq 'alex wilber'")).toEqual(["u2"]);
    const exact: EntityTypeInfo = { ...userType, caseInsensitive: false };
    expect(run("toupper(displayName) eq 'ALEX WILBER'", users, exact)).toEqual(["u2"]);
    expect(run("displayName eq 'ALEX WILBER'", users, exact)).toEqual([]);
    expect(run("tolower(displayName) eq 'ALEX WILBER'", users, exact)).toEqual([]);
  });

  it("isof on a polymorphic list: exact type, with or without '#', and the abstract bases in between", () => {
    expect(dc("isof('microsoft.graph.iosScepCertificateProfile')")).toEqual(["0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0002"]);
    expect(dc("isof('microsoft.graph.windows81TrustedRootCertificate')")).toEqual(["0B6F2A8E-58A4-4C1D-9D5E-1F1B7A0C0004"]);
    expect(dc("isof('microsoft.graph.iosCertificateProfile')")).toEqual(["0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0002"]);
    expect(dc("isof('microsoft.graph.windowsCertificateProfileBase')")).toEqual(["0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0003"]);
    expect(dc("isof('microsoft.graph.deviceConfiguration')")).toHaveLength(4);
    expect(dc("isof('microsoft.graph.windowsUpdateForBusinessConfiguration')")).toEqual([]);
    expect(dc("isof(microsoft.graph.iosScepCertificateProfile)")).toEqual(["0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0002"]);
  });

  it("isof combines with other clauses and with not", () => {
    expect(dc("isof('microsoft.graph.iosTrustedRootCertificate') or isof('microsoft.graph.windows81TrustedRootCertificate')"))
      .toEqual(["0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0001", "0B6F2A8E-58A4-4C1D-9D5E-1F1B7A0C0004"]);
    expect(dc("not isof('microsoft.graph.iosScepCertificateProfile') and version gt 1")).toEqual(["0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0003"]);
  });

  it("an entity without @odata.type is an instance of the collection's type", () => {
    const node = parseFilter("isof('microsoft.graph.user')", userType);
    expect(matchesFilter(node, { id: "x" }, userType)).toBe(true);
    const other = parseFilter("isof('microsoft.graph.group')", userType);
    expect(matchesFilter(other, { id: "x" }, userType)).toBe(false);
  });
});

describe("matchesFilter: lambdas", () => {
  it("any over a complex collection compares the GUID member, whatever its case", () => {
    expect(u(`assignedLicenses/any(x:x/skuId eq ${INTUNE_SKU})`)).toEqual(["u1", "u3"]);
    expect(u(`assignedLicenses/any(l: l/skuId eq ${E3_SKU})`)).toEqual(["u2", "u3"]);
  });

  it("all over a complex collection is true for an empty one", () => {
    expect(u(`assignedLicenses/all(x:x/skuId eq ${E3_SKU})`)).toEqual(["u2", "u4"]);
  });

  it("any over a primitive collection of strings, case-insensitively on directory objects", () => {
    expect(run("groupTypes/any(c:c eq 'Unified')", groups, groupType)).toEqual(["g2", "g3"]);
    expect(run("groupTypes/all(c:c ne 'Unified')", groups, groupType)).toEqual(["g1"]);
    expect(run("not groupTypes/any(c:c eq 'Unified')", groups, groupType)).toEqual(["g1"]);
  });

  it("any() with no arguments means the collection is not empty", () => {
    expect(u("businessPhones/any()")).toEqual(["u1", "u3"]);
    expect(u("not assignedLicenses/any()")).toEqual(["u4"]);
  });

  it("nested lambdas see the outer variable", () => {
    expect(u("assignedLicenses/any(x: x/disabledPlans/any(p: p eq C1EC4A95-1F05-45B3-A911-AA3FA01094F5))")).toEqual(["u3"]);
  });

  it("lambda body may use functions and combine with root clauses", () => {
    expect(u("businessPhones/any(p: startswith(p,'+1 412')) and accountEnabled")).toEqual(["u3"]);
    expect(dc("extendedKeyUsages/any(e: e/objectIdentifier eq '1.3.6.1.5.5.7.3.2')")).toEqual(["0b6f2a8e-58a4-4c1d-9d5e-1f1b7a0c0002"]);
  });
});

describe("matchesFilter on a tree that was never validated", () => {
  it("infers comparisons from the runtime values", () => {
    const node = parseFilterSyntax("score gt 2 and name eq 'A' and when lt 2026-01-01T00:00:00Z");
    const type: EntityTypeInfo = { name: "t", properties: {} };
    expect(matchesFilter(node, { score: 3, name: "a", when: "2025-06-01T00:00:00Z" }, type)).toBe(true);
    expect(matchesFilter(node, { score: 1, name: "a", when: "2025-06-01T00:00:00Z" }, type)).toBe(false);
    expect(matchesFilter(node, { score: true, name: "a", when: "2025-06-01T00:00:00Z" }, type)).toBe(false);
    expect(matchesFilter(node, { score: 3, name: "a", when: "2026-06-01T00:00:00Z" }, type)).toBe(false);
  });
});
