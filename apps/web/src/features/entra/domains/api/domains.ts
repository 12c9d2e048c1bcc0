// Custom domain names over Graph: GET/POST /domains, the verification DNS records, verify; and the lab's public DNS
// (POST /api/entra/public-dns) where the admin "adds the record at the registrar".
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { graph, request } from "@/shared/api/http";
import type { Collection } from "@/shared/api/types";

export type Domain = { id: string; isVerified: boolean; isDefault: boolean; isInitial: boolean; authenticationType?: string };
export type DnsRecord = { id: string; recordType: string; label: string; ttl: number; text?: string; mailExchange?: string; preference?: number };

const key = (tenantId: string) => ["tenant", tenantId, "domains"] as const;

export function useDomainList(tenantId: string) {
  return useQuery({ queryKey: key(tenantId), queryFn: () => request<Collection<Domain>>(graph("/domains")).then((c) => c.value) });
}

export function useVerificationRecords(tenantId: string, name: string | undefined) {
  return useQuery({
    queryKey: [...key(tenantId), name, "verificationDnsRecords"],
    queryFn: () => request<Collection<DnsRecord>>(graph(`/domains/${encodeURIComponent(name!)}/verificationDnsRecords`)).then((c) => c.value),
    enabled: !!name,
  });
}

export function useAddDomain(tenantId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => request<Domain>(graph("/domains"), { method: "POST", body: { id: name } }),
    meta: { success: (d) => `Added ${(d as Domain).id}`, error: "Could not add the custom domain" },
    onSuccess: () => qc.invalidateQueries({ queryKey: key(tenantId) }),
  });
}

export function useVerifyDomain(tenantId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => request<Domain>(graph(`/domains/${encodeURIComponent(name)}/verify`), { method: "POST" }),
    meta: { success: (d) => `Verified ${(d as Domain).id}`, error: "Could not verify the domain" },
    onSuccess: () => qc.invalidateQueries({ queryKey: ["tenant", tenantId] }),
  });
}

export function useDeleteDomain(tenantId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => request<void>(graph(`/domains/${encodeURIComponent(name)}`), { method: "DELETE" }),
    meta: { success: "Deleted the domain", error: "Could not delete the domain" },
    onSuccess: () => qc.invalidateQueries({ queryKey: key(tenantId) }),
  });
}

/** Lab action: the record appears in the lab's public DNS, as if added at the registrar. */
export function useAddPublicDnsRecord() {
  return useMutation({
    mutationFn: (r: { name: string; type: "TXT" | "CNAME"; value: string }) => request("/api/entra/public-dns", { method: "POST", body: r }),
    meta: { success: (_d, v) => `Added the ${(v as { type: string }).type} record for ${(v as { name: string }).name} at the registrar`, error: "Could not add the DNS record" },
  });
}
