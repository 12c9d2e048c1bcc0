// One group: GET, its members, POST/DELETE members/$ref, DELETE group, POST /groups.
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ZGroupCreate, type TGroupCreate } from "@certlab/domain/schemas/directory";
import { directoryObjectRef, graph, request } from "@/shared/api/http";
import type { Collection, DirectoryObject, Group, User } from "@/shared/api/types";

export const createGroupInput = ZGroupCreate;

export const groupQuery = (tenantId: string, id: string) =>
  queryOptions({
    queryKey: ["tenant", tenantId, "groups", "item", id],
    queryFn: () => request<Group>(graph(`/groups/${encodeURIComponent(id)}`)),
  });

export const groupMembersQuery = (tenantId: string, id: string) =>
  queryOptions({
    queryKey: ["tenant", tenantId, "groups", "item", id, "members"],
    queryFn: () => request<Collection<DirectoryObject>>(graph(`/groups/${encodeURIComponent(id)}/members?$top=999`)),
  });

export function useGroup(tenantId: string, id: string) {
  return useQuery(groupQuery(tenantId, id));
}

export function useGroupMembers(tenantId: string, id: string) {
  return useQuery(groupMembersQuery(tenantId, id));
}

export function useCreateGroup(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TGroupCreate) => request<Group>(graph("/groups"), { method: "POST", body: input }),
    meta: { success: (data) => `Created group ${(data as Group).displayName}`, error: "Could not create group" },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["tenant", tenantId, "groups"] }),
  });
}

export function useDeleteGroup(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (group: Group) => request<void>(graph(`/groups/${group.id}`), { method: "DELETE" }),
    meta: { success: (_d, g) => `Deleted group ${(g as Group).displayName}`, error: "Could not delete group" },
    onSuccess: (_d, group) => {
      queryClient.removeQueries({ queryKey: ["tenant", tenantId, "groups", "item", group.id] });
      void queryClient.invalidateQueries({ queryKey: ["tenant", tenantId, "groups", "list"] });
    },
  });
}

export function useAddMember(tenantId: string, groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (user: User) =>
      request<void>(graph(`/groups/${groupId}/members/$ref`), {
        method: "POST",
        body: { "@odata.id": directoryObjectRef(user.id) },
      }),
    meta: { success: (_d, u) => `Added ${(u as User).displayName} to the group`, error: "Could not add member" },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["tenant", tenantId, "groups", "item", groupId, "members"] }),
  });
}

export function useRemoveMember(tenantId: string, groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (member: DirectoryObject) =>
      request<void>(graph(`/groups/${groupId}/members/${member.id}/$ref`), { method: "DELETE" }),
    meta: {
      success: (_d, m) => `Removed ${(m as DirectoryObject).displayName ?? "member"} from the group`,
      error: "Could not remove member",
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["tenant", tenantId, "groups", "item", groupId, "members"] }),
  });
}
