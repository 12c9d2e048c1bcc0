// POST /users/{id}/assignLicense: add or remove one licence (both arrays are required by Graph).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TAssignLicense } from "@certlab/domain/schemas/directory";
import { graph, request } from "@/shared/api/http";
import type { User } from "@/shared/api/types";

export type LicenseChange = { add?: string; remove?: string; skuName: string };

export function useAssignLicense(tenantId: string, userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: LicenseChange) => {
      const body: TAssignLicense = {
        addLicenses: change.add ? [{ skuId: change.add, disabledPlans: [] }] : [],
        removeLicenses: change.remove ? [change.remove] : [],
      };
      return request<User>(graph(`/users/${userId}/assignLicense`), { method: "POST", body });
    },
    meta: {
      success: (_d, v) => {
        const c = v as LicenseChange;
        return c.add ? `Assigned license ${c.skuName}` : `Removed license ${c.skuName}`;
      },
      error: "Could not update license assignments",
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["tenant", tenantId, "users"] });
      void queryClient.invalidateQueries({ queryKey: ["tenant", tenantId, "subscribedSkus"] });
    },
  });
}
