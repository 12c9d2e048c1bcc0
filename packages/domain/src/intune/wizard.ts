// The profile wizard's live findings: what a draft would trigger, computed by the SAME rules the Health page and
// GET /api/tenants/{id}/findings run. The draft is inserted into a copy of the snapshot (replacing the saved
// profile it edits, if any), the Intune rules are evaluated, and the findings that name the draft are returned.
import { evaluate } from "../rules/engine";
import { INTUNE_RULES } from "../rules/intune/intune-rules";
import type { TenantSnapshot } from "../rules/snapshot";
import type { Finding, Rule } from "../rules/types";
import type { TAssignmentTarget } from "./assignments";
import { emptyIntuneSnapshot, type SnapProfile } from "./snapshot";

/** The id a draft that has never been saved carries while the wizard evaluates it. */
export const DRAFT_PROFILE_ID = "00000000-0000-0000-0000-00000000d4af";

export type DraftProfile = Omit<SnapProfile, "id"> & {
  /** The saved profile being edited; absent for a new profile. */
  id?: string;
  /** The Assignments page as it stands; absent = keep the saved profile's assignments (none for a new one). */
  assignments?: TAssignmentTarget[];
};

/** The snapshot with the draft in place of the profile it edits (or added), and its assignments. */
export function withDraft(snapshot: TenantSnapshot, draft: DraftProfile): { snapshot: TenantSnapshot; draftId: string } {
  const draftId = draft.id ?? DRAFT_PROFILE_ID;
  const intune = snapshot.intune ?? emptyIntuneSnapshot();
  const { assignments, ...rest } = draft;
  const profile: SnapProfile = { ...rest, id: draftId };
  const profiles = [...intune.profiles.filter((p) => p.id !== draftId), profile];
  const kept = intune.assignments.filter((a) => assignments === undefined || a.profileId !== draftId);
  const added = (assignments ?? []).map((target) => ({ profileId: draftId, target }));
  return { snapshot: { ...snapshot, intune: { ...intune, profiles, assignments: [...kept, ...added] } }, draftId };
}

/**
 * The findings a draft profile would trigger, errors first: each names the draft among its objects (a rule about
 * another profile that the draft merely changes, e.g. a SCEP profile that references this trusted profile, counts
 * too, since the finding names both).
 */
export function evaluateDraft(snapshot: TenantSnapshot, draft: DraftProfile, rules: readonly Rule[] = INTUNE_RULES): Finding[] {
  const { snapshot: next, draftId } = withDraft(snapshot, draft);
  return evaluate(next, rules).filter((f) => f.objects.some((o) => o.id === draftId));
}
