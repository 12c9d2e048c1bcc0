// A guide step from the step library (steps.ts) with the seed's location and, where the seed says it its own way,
// its own title and instruction.
import type { GuideStep } from "./types";
import type { StepKind } from "./steps";

export function fromSeed(kind: StepKind, file: string, where: string, words: { title?: string; instruction?: string } = {}): GuideStep {
  return { ...kind, ...words, source: { file, where } };
}
