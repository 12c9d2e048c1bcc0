// Builders for the guide contract (packages/domain/src/guides/types.ts) in component tests.
import type { Finding } from "@certlab/domain/rules/types";
import type { GuideProgress, GuideStepProgress } from "@certlab/domain/guides/types";

export const SEED_000 = "000_6abfab919ea0a4d2.txt";

export function finding(code: string, severity: Finding["severity"] = "error", over: Partial<Finding> = {}): Finding {
  return {
    code,
    severity,
    category: "enrollment",
    title: `${code} title`,
    message: `${code} message`,
    fix: `${code} fix`,
    why: "why",
    symptom: "symptom",
    sources: [SEED_000],
    objects: [],
    ...over,
  };
}

export function step(id: string, title: string, done: boolean, over: Partial<GuideStepProgress> = {}): GuideStepProgress {
  return {
    id,
    title,
    instruction: `${title}, as the seed says.`,
    screen: { portal: "entra", path: "/entra/enterprise-apps/application-proxy", label: "Entra › Application proxy" },
    source: { file: SEED_000, where: "step 1" },
    blockingCodes: [],
    done,
    blockingFindings: [],
    ...over,
  };
}

/** A guide with its counts and current step derived from the steps, as the API computes them. */
export function guide(id: string, title: string, steps: GuideStepProgress[], over: Partial<GuideProgress> = {}): GuideProgress {
  return {
    id,
    title,
    summary: `${title} summary`,
    source: SEED_000,
    start: "fresh",
    steps,
    doneCount: steps.filter((s) => s.done).length,
    total: steps.length,
    currentStepId: steps.find((s) => !s.done)?.id ?? null,
    ...over,
  };
}
