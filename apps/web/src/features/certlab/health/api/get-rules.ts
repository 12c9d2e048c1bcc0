// GET /api/rules: the rule catalogue (code, severity, title, why, fix, symptom, sources, area).
import { queryOptions, useQuery } from "@tanstack/react-query";
import { request } from "@/shared/api/http";
import type { RuleInfo } from "@/shared/api/types";

export const rulesQuery = queryOptions({
  queryKey: ["rules"],
  queryFn: () => request<{ value: RuleInfo[] }>("/api/rules"),
  staleTime: Infinity,
});

export function useRules(enabled: boolean) {
  return useQuery({ ...rulesQuery, enabled });
}
