// A group: Overview and Members (Add members / Remove), Delete for those who may manage groups.
import { useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Tab,
  TabList,
} from "@fluentui/react-components";
import { Delete20Regular, PersonAdd20Regular } from "@fluentui/react-icons";
import { useNavigate, useParams } from "react-router";
import { AppLink } from "@/shared/components/app-link";
import { ConfirmDialog } from "@/shared/components/confirm-dialog";
import { Page } from "@/shared/components/page";
import { PropertyList } from "@/shared/components/property-list";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { ACTION_HEADER, RemoveButton, SimpleTable } from "@/shared/components/simple-table";
import { UserPicker } from "@/shared/components/user-picker";
import { formatDateTime } from "@/shared/lib/format";
import { usePortal } from "@/shared/portal/portal-context";
import { useCan, useSignedInSession } from "@/shared/session/session";
import { groupTypeLabel } from "@/features/entra/groups/api/get-groups";
import { useAddMember, useDeleteGroup, useGroup, useGroupMembers, useRemoveMember } from "@/features/entra/groups/api/group";

const isUser = (m: { "@odata.type"?: string }) => !m["@odata.type"] || m["@odata.type"] === "#microsoft.graph.user";

const useStyles = makeStyles({ panel: { display: "flex", flexDirection: "column", gap: "12px", paddingTop: "8px" } });

export default function GroupDetailsRoute() {
  const s = useStyles();
  const { groupId = "" } = useParams();
  const session = useSignedInSession();
  const portal = usePortal();
  const canWrite = useCan("directory.groups.write");
  const navigate = useNavigate();
  const group = useGroup(session.tenant.id, groupId);
  const members = useGroupMembers(session.tenant.id, groupId);
  const add = useAddMember(session.tenant.id, groupId);
  const remove = useRemoveMember(session.tenant.id, groupId);
  const del = useDeleteGroup(session.tenant.id);
  const [tab, setTab] = useState<"overview" | "members">("overview");
  const [adding, setAdding] = useState(false);
  const [confirm, setConfirm] = useState(false);

  if (group.isPending) return <Page title="Group"><Loading /></Page>;
  if (group.error) return <Page title="Group"><ErrorMessage error={group.error} /></Page>;
  const g = group.data;
  const list = members.data?.value ?? [];
  const userBase = portal.id === "intune" ? "/intune/users" : "/entra/users";

  return (
    <Page
      title={g.displayName}
      subtitle="Group"
      commands={
        canWrite ? (
          <>
            <Button appearance="subtle" icon={<PersonAdd20Regular />} onClick={() => { setTab("members"); setAdding(true); }}>
              Add members
            </Button>
            <Button appearance="subtle" icon={<Delete20Regular />} onClick={() => setConfirm(true)}>
              Delete
            </Button>
          </>
        ) : undefined
      }
    >
      <TabList selectedValue={tab} onTabSelect={(_e, d) => setTab(d.value as "overview" | "members")} aria-label="Group sections">
        <Tab value="overview">Overview</Tab>
        <Tab value="members">Members</Tab>
      </TabList>
      <div className={s.panel} role="tabpanel" aria-label={tab}>
        {tab === "overview" && (
          <PropertyList
            items={[
              ["Name", g.displayName],
              ["Description", g.description || "—"],
              ["Object ID", <code key="id">{g.id}</code>],
              ["Group type", groupTypeLabel(g)],
              ["Membership type", g.groupTypes?.includes("DynamicMembership") ? "Dynamic" : "Assigned"],
              ["Direct members", members.data ? String(list.length) : "…"],
              ["Created on", formatDateTime(g.createdDateTime)],
            ]}
          />
        )}
        {tab === "members" && (
          <>
            {members.isPending && <Loading />}
            {members.error && <ErrorMessage error={members.error} />}
            {members.data && (
              <SimpleTable
                aria-label="Members"
                size="small"
                rows={list}
                rowKey={(m) => m.id}
                empty="No members found"
                columns={[
                  {
                    header: "Name",
                    cell: (m) => (isUser(m) ? <AppLink to={`${userBase}/${m.id}`}>{m.displayName ?? m.id}</AppLink> : m.displayName ?? m.id),
                  },
                  { header: "User principal name", cell: (m) => m.userPrincipalName ?? "" },
                  { header: "Type", cell: (m) => (isUser(m) ? "User" : (m["@odata.type"] ?? "").replace("#microsoft.graph.", "")) },
                  {
                    header: ACTION_HEADER,
                    cell: (m) =>
                      canWrite && <RemoveButton aria-label={`Remove ${m.displayName ?? m.id}`} disabled={remove.isPending} onClick={() => remove.mutate(m)} />,
                  },
                ]}
              />
            )}
          </>
        )}
      </div>
      <Dialog open={adding} onOpenChange={(_e, d) => setAdding(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Add members</DialogTitle>
            <DialogContent>
              <UserPicker label="Users" exclude={list.map((m) => m.id)} onPick={(u) => add.mutate(u)} />
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setAdding(false)}>Done</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      <ConfirmDialog
        open={confirm}
        title="Delete group"
        confirmLabel="Delete"
        busy={del.isPending}
        onCancel={() => setConfirm(false)}
        onConfirm={() => del.mutate(g, { onSuccess: () => navigate("..", { relative: "path" }), onSettled: () => setConfirm(false) })}
      >
        Delete the group {g.displayName}? Its members stay in the directory.
      </ConfirmDialog>
    </Page>
  );
}
