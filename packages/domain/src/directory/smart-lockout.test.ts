import { describe, expect, it } from "vitest";
import { SMART_LOCKOUT, lockoutDurationSeconds } from "./smart-lockout.ts";

describe("smart lockout policy", () => {
  it("uses Entra's defaults: 10 failures, 60 seconds, AADSTS50053", () => {
    expect(SMART_LOCKOUT.threshold).toBe(10);
    expect(SMART_LOCKOUT.durationSeconds).toBe(60);
    expect(SMART_LOCKOUT.aadstsCode).toBe(50053);
  });

  it("each lockout in a row lasts longer, up to the cap", () => {
    expect([1, 2, 3, 4].map((n) => lockoutDurationSeconds(n))).toEqual([60, 120, 240, 480]);
    expect(lockoutDurationSeconds(50)).toBe(SMART_LOCKOUT.maxDurationSeconds);
    expect(lockoutDurationSeconds(0)).toBe(60);
  });
});
