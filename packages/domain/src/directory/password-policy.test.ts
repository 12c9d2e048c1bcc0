import { describe, expect, it } from "vitest";
import { meetsPasswordComplexity } from "./password-policy";

describe("Entra password complexity", () => {
  it("accepts a password with three of the four character classes", () => {
    expect(meetsPasswordComplexity("Certlab-2026")).toBe(true);
    expect(meetsPasswordComplexity("certlab-2026")).toBe(true);
  });
  it("refuses short passwords and ones with only two classes", () => {
    expect(meetsPasswordComplexity("Ab1!")).toBe(false);
    expect(meetsPasswordComplexity("onlylowercase1")).toBe(false);
  });
});
