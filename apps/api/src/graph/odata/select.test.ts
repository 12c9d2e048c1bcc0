import { describe, expect, it } from "vitest";
import { applySelect } from "./select";

const entity = {
  "@odata.type": "#microsoft.graph.iosScepCertificateProfile",
  id: "p1",
  displayName: "iOS SCEP",
  version: 3,
  keyUsage: "digitalSignature",
  assignments: [{ id: "a1" }],
  "assignments@odata.context": "https://graph.microsoft.com/beta/$metadata#...",
  "displayName@odata.note": "kept with its property",
};

describe("applySelect", () => {
  it("keeps only the selected properties, plus id and @odata.* annotations", () => {
    expect(applySelect(entity, ["displayName"])).toEqual({
      "@odata.type": "#microsoft.graph.iosScepCertificateProfile",
      id: "p1",
      displayName: "iOS SCEP",
      "displayName@odata.note": "kept with its property",
    });
  });

  it("keeps id even when not selected, and matches names case-insensitively", () => {
    expect(Object.keys(applySelect(entity, ["VERSION"]))).toEqual(["@odata.type", "id", "version"]);
  });

  it("keeps expanded navigation properties named in keep, with their annotations", () => {
    expect(Object.keys(applySelect(entity, ["version"], ["assignments"]))).toEqual([
      "@odata.type", "id", "version", "assignments", "assignments@odata.context",
    ]);
  });

  it("omits selected properties the entity does not have", () => {
    expect(applySelect({ id: "x", a: 1 }, ["b"])).toEqual({ id: "x" });
  });

  it("without a selection returns a copy of everything", () => {
    const copy = applySelect(entity, undefined);
    expect(copy).toEqual(entity);
    expect(copy).not.toBe(entity);
  });
});
