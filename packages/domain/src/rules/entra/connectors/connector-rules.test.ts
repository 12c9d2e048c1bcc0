import { describe, expect, it } from "vitest";
import { ENTRA_IDS, aTenantWithEntra, correctEntra, withNdesApp } from "../../../entra/testing";
import type { EntraSnapshot } from "../../../entra/snapshot";
import { evaluate } from "../../engine";
import type { Rule } from "../../types";
import { APPPROXY_CONNECTOR_GROUP_EMPTY, APPX_GROUP_NO_CONNECTOR, APPX_INACTIVE, APPX_SINGLE_CONNECTOR } from "./connector-rules";

const run = (entra: EntraSnapshot, rule: Rule) => evaluate(aTenantWithEntra(entra), [rule]);
const inactive = (e: EntraSnapshot): EntraSnapshot => ({ ...e, connectors: e.connectors.map((c) => ({ ...c, status: "inactive" as const })) });
const noConnectors = (e: EntraSnapshot): EntraSnapshot => ({ ...e, connectors: [] });

describe("APPX_GROUP_NO_CONNECTOR", () => {
  it("fires for the app's group when its only connector is Inactive, naming group, connector and app", () => {
    const [f, ...rest] = run(inactive(correctEntra()), APPX_GROUP_NO_CONNECTOR);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: "APPX_GROUP_NO_CONNECTOR", severity: "error" });
    expect(f?.message).toBe("The connector group 'NDES Connector Group' has 1 connector, none Active: NDES01.corp.contoso.com (inactive); it serves 'NDES'.");
    expect(f?.symptom).toContain("Gateway time-out");
  });

  it("fires for an empty Default group the app was left in", () => {
    const e = withNdesApp(noConnectors(correctEntra()), (a) => ({ ...a, connectorGroupId: null }));
    expect(run(e, APPX_GROUP_NO_CONNECTOR)[0]?.message).toBe("The connector group 'Default' has no connectors; it serves 'NDES'.");
  });

  it("is quiet with an Active connector, and for empty groups no app uses", () => {
    expect(run(correctEntra(), APPX_GROUP_NO_CONNECTOR)).toEqual([]);
  });
});

describe("APPPROXY_CONNECTOR_GROUP_EMPTY", () => {
  it("fires on the application whose group has no connector, with the portal's warning", () => {
    const [f] = run(noConnectors(correctEntra()), APPPROXY_CONNECTOR_GROUP_EMPTY);
    expect(f?.objects[0]).toEqual({ type: "application", id: ENTRA_IDS.application, displayName: "NDES" });
    expect(f?.message).toContain('"NDES Connector Group" needs at least one active connector.');
  });

  it("is quiet when the group has an Active connector", () => {
    expect(run(correctEntra(), APPPROXY_CONNECTOR_GROUP_EMPTY)).toEqual([]);
  });
});

describe("APPX_SINGLE_CONNECTOR", () => {
  it("reports a group with a single connector as info (a single connector is documented as working)", () => {
    const [f] = run(correctEntra(), APPX_SINGLE_CONNECTOR);
    expect(f).toMatchObject({ severity: "info" });
    expect(f?.message).toBe("The connector group 'NDES Connector Group' has one connector, NDES01.corp.contoso.com; it serves 'NDES'.");
  });

  it("is quiet with two connectors", () => {
    const e = correctEntra();
    e.connectors.push({ ...e.connectors[0]!, id: "c2", machineName: "APPPROXY02.corp.contoso.com" });
    expect(run(e, APPX_SINGLE_CONNECTOR)).toEqual([]);
  });
});

describe("APPX_INACTIVE", () => {
  it("fires for an Inactive connector", () => {
    const [f] = run(inactive(correctEntra()), APPX_INACTIVE);
    expect(f).toMatchObject({ severity: "warning" });
    expect(f?.message).toBe("The connector NDES01.corp.contoso.com (131.137.147.164, version 1.5.3437.0) in 'NDES Connector Group' is Inactive.");
  });

  it("is quiet for an Active connector, or when the snapshot has no Entra section", () => {
    expect(run(correctEntra(), APPX_INACTIVE)).toEqual([]);
    const { entra: _e, ...noEntra } = aTenantWithEntra();
    expect(evaluate(noEntra, [APPX_INACTIVE])).toEqual([]);
  });
});
