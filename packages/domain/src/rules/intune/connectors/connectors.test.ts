import { describe, expect, it } from "vitest";
import { evaluate } from "../../engine";
import { CONNECTOR, correctIntune, withIntune } from "../../../intune/testing";
import { testId } from "../../testing";
import { compareVersions, CONN_COUNT_LIMIT, CONN_STALE_CHECKIN, CONN_VERSION_OUT_OF_SUPPORT, CONN_VERSION_SKEW } from "./connectors";

const withConnectors = (...changes: Partial<typeof CONNECTOR>[]) =>
  withIntune(correctIntune(), (i) => (i.certificateConnectors = changes.map((c, n) => ({ ...CONNECTOR, id: testId(0x300 + n), ...c }))));

describe("certificate connectors as Tenant administration › Certificate connectors shows them", () => {
  it("compares versions numerically", () => {
    expect(compareVersions("6.2101.13.0", "6.2109.51.0")).toBe(-1);
    expect(compareVersions("6.2406.0.2002", "6.2406.0.1001")).toBe(1);
  });
  it("CONN_VERSION_OUT_OF_SUPPORT fires for 6.2008.60.612, which the admin center shows as Error", () => {
    const [f] = evaluate(withConnectors({ version: "6.2008.60.612" }), [CONN_VERSION_OUT_OF_SUPPORT]);
    expect(f?.message).toBe("'NDES01' on NDES01.corp.contoso.com runs a Certificate Connector version 6.2008.60.612, older than 6.2109.51.0; the admin center shows it as Error.");
  });
  it("CONN_VERSION_OUT_OF_SUPPORT fires for the legacy Microsoft Intune Connector", () => {
    expect(evaluate(withConnectors({ generation: "legacy", version: "6.1905.0.402" }), [CONN_VERSION_OUT_OF_SUPPORT])[0]?.message).toContain("the legacy Microsoft Intune Connector");
  });
  it("CONN_VERSION_OUT_OF_SUPPORT is quiet for 6.2406.0.2002", () => expect(evaluate(correctIntune(), [CONN_VERSION_OUT_OF_SUPPORT])).toEqual([]));

  it("CONN_VERSION_SKEW fires for two connectors at different versions, quiet at the same", () => {
    expect(evaluate(withConnectors({}, { connectorName: "NDES02", machineName: "NDES02.corp.contoso.com", version: "6.2301.1.0" }), [CONN_VERSION_SKEW])[0]?.message).toContain("run 2 versions");
    expect(evaluate(withConnectors({}, { connectorName: "NDES02" }), [CONN_VERSION_SKEW])).toEqual([]);
  });
  it("CONN_STALE_CHECKIN fires for a check-in three days old, quiet for 15 minutes", () => {
    expect(evaluate(withConnectors({ lastCheckinDateTime: "2026-03-09T08:00:00Z" }), [CONN_STALE_CHECKIN])[0]?.message).toBe(
      "'NDES01' on NDES01.corp.contoso.com last checked in at 2026-03-09T08:00:00Z, 3 days ago.",
    );
    expect(evaluate(correctIntune(), [CONN_STALE_CHECKIN])).toEqual([]);
  });
  it("CONN_COUNT_LIMIT informs past 100 connectors, quiet at 100", () => {
    const many = (n: number) => Array.from({ length: n }, (_, k) => ({ connectorName: `NDES${k}` }));
    expect(evaluate(withConnectors(...many(101)), [CONN_COUNT_LIMIT])[0]?.message).toBe("The tenant has 101 certificate connectors; Intune supports up to 100.");
    expect(evaluate(withConnectors(...many(100)), [CONN_COUNT_LIMIT])).toEqual([]);
  });
});
