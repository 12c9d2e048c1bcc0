// POST /api/lab/reset: replace the signed-in tenant's lab with a scenario. "complete" is the answer key of issue 8
// (seeds 000–004 done right across lab, Intune and Entra); "fresh" is the empty starting lab. The home page offers
// both (after a confirmation); the lab console keeps its own buttons.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/shared/api/http";
import { useSignedInSession } from "@/shared/session/session";

export type LabScenario = "fresh" | "correct" | "complete";

export const SCENARIO_DONE: Record<LabScenario, string> = {
  fresh: "Created a fresh lab",
  correct: "Loaded the correct on-premises lab",
  complete: "Loaded the complete correct setup",
};

export function useResetLab() {
  const { tenant } = useSignedInSession();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (scenario: LabScenario) => request<unknown>("/api/lab/reset", { method: "POST", body: { scenario } }),
    meta: { success: (_d, scenario) => SCENARIO_DONE[scenario as LabScenario], error: "Could not reset the lab" },
    // Lab rows, Intune profiles, Entra applications and connectors all changed.
    onSuccess: () => qc.invalidateQueries({ queryKey: ["tenant", tenant.id] }),
  });
}
