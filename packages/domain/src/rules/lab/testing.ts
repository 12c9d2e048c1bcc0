// Helpers for the lab rule tests: the correct lab of seed 002, broken one way, evaluated.
import { brokenVariants, partsOf } from "../../lab/broken-variants";
import { correctLab } from "../../lab/correct-lab";
import type { LabSnapshot } from "../../lab/snapshot";
import { evaluate } from "../engine";
import { emptySnapshot } from "../snapshot";
import type { Finding, Rule } from "../types";

export const LAB_NOW = new Date("2026-03-01T09:00:00Z");
export const aCorrectLab = (): LabSnapshot => correctLab({ now: LAB_NOW });
export const aBrokenLab = (code: string): LabSnapshot => brokenVariants({ now: LAB_NOW })[code]!();
export const parts = partsOf;
export function check(lab: LabSnapshot, ...rules: Rule[]): Finding[] {
  return evaluate({ ...emptySnapshot({ id: "t", displayName: "Contoso" }), lab }, rules);
}
