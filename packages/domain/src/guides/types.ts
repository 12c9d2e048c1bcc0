// The contract of guided flows (issue 8): a guide is data (one per seed document); a step's completion is a pure
// check over the same TenantSnapshot the rules read (never a click counter). The API evaluates guides for the
// signed-in tenant (GET /api/guides) and the portal renders what it returns; nothing here is duplicated in web.
import type { TenantSnapshot, SnapshotIndex } from "../rules/snapshot";
import type { Finding } from "../rules/types";

/** Where a step happens: a portal screen the side panel links to (a path of the SPA, e.g. "/lab/ndes"). */
export type GuideScreen = { portal: "intune" | "entra" | "lab" | "certlab"; path: string; label: string };

/** The lab a guide starts from when it is (re)started: POST /api/lab/reset { scenario }. */
export type GuideStart = "fresh" | "complete";

export type GuideStep = {
  /** Stable id within its guide, e.g. "install-connector". */
  id: string;
  title: string;
  /** The seed's instruction, in short. */
  instruction: string;
  screen: GuideScreen;
  /** Seed file name, e.g. "000_6abfab919ea0a4d2.txt", and where in it ("step 9", "part 2"). */
  source: { file: string; where: string };
  /** Rule codes whose findings block this step (the panel shows the active ones under the current step). */
  blockingCodes: readonly string[];
  /** Done when this holds on the tenant's state. */
  check(snapshot: TenantSnapshot, index: SnapshotIndex): boolean;
  /** Why this step is already done on the fresh lab, when it is by nature (the fresh lab has the two-tier PKI). */
  presetInFreshLab?: string;
  /** What the step asks, as a pure transform of the tenant (the solution data: tests and workshops apply it). */
  apply?(snapshot: TenantSnapshot): TenantSnapshot;
};

export type Guide = {
  /** "seed-000" … "seed-004". */
  id: string;
  title: string;
  summary: string;
  /** Seed file name the whole guide follows. */
  source: string;
  start: GuideStart;
  /** Guides whose state this one builds on (seed 000 publishes an NDES that seed 001/002 set up). */
  prerequisites?: readonly string[];
  /** Optional sections (seed 001 has three parts); each step belongs to one when present. */
  parts?: readonly { id: string; title: string; stepIds: readonly string[] }[];
  steps: readonly GuideStep[];
};

/** A step as the API returns it: the data without its check, plus its state on the tenant. */
export type GuideStepProgress = Omit<GuideStep, "check" | "apply" | "blockingCodes"> & {
  blockingCodes: string[];
  done: boolean;
  /** Active findings whose code is in blockingCodes. */
  blockingFindings: Finding[];
};

export type GuideProgress = Omit<Guide, "steps" | "parts" | "prerequisites"> & {
  prerequisites?: string[];
  parts?: { id: string; title: string; stepIds: string[] }[];
  steps: GuideStepProgress[];
  doneCount: number;
  total: number;
  /** The first step not done, or null when the guide is complete. */
  currentStepId: string | null;
};

/** GET /api/guides → { value: GuideProgress[] }; GET /api/guides/{id} → GuideProgress;
 *  POST /api/guides/{id}/restart → resets the lab to the guide's `start` and answers GuideProgress. */
export type GuidesResponse = { value: GuideProgress[] };
