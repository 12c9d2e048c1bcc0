// A guide's state on a tenant (issue 8): each step's check over the snapshot the rules read, and the active findings
// that block it. GET /api/guides returns this; the portal only renders it.
import { buildIndex, type TenantSnapshot } from "../rules/snapshot";
import type { Finding } from "../rules/types";
import { ALL_GUIDES } from "./catalogue";
import type { Guide, GuideProgress, GuideStepProgress } from "./types";

export function progressOf(guide: Guide, snapshot: TenantSnapshot, findings: readonly Finding[], index = buildIndex(snapshot)): GuideProgress {
  const steps: GuideStepProgress[] = guide.steps.map(({ check, apply: _apply, blockingCodes, ...data }) => {
    const codes = new Set(blockingCodes);
    return {
      ...data,
      source: { ...data.source },
      screen: { ...data.screen },
      blockingCodes: [...blockingCodes],
      done: check(snapshot, index),
      blockingFindings: findings.filter((f) => codes.has(f.code) && f.severity !== "info"),
    };
  });
  const { steps: _s, parts, prerequisites, ...meta } = guide;
  const doneCount = steps.filter((s) => s.done).length;
  return {
    ...meta,
    ...(prerequisites ? { prerequisites: [...prerequisites] } : {}),
    ...(parts ? { parts: parts.map((p) => ({ ...p, stepIds: [...p.stepIds] })) } : {}),
    steps,
    doneCount,
    total: steps.length,
    currentStepId: steps.find((s) => !s.done)?.id ?? null,
  };
}

/** Every guide's progress on the tenant; `findings` are the tenant's (evaluate(snapshot)). */
export function guideProgress(snapshot: TenantSnapshot, findings: readonly Finding[], guides: readonly Guide[] = ALL_GUIDES): GuideProgress[] {
  const index = buildIndex(snapshot);
  return guides.map((g) => progressOf(g, snapshot, findings, index));
}
