// A user: Overview (properties), Licenses, Groups, Assigned roles; Delete for those who may manage users.
import { useState } from "react";
import { Badge, Button, makeStyles, Tab, TabList } from "@fluentui/react-components";
import { Delete20Regular } from "@fluentui/react-icons";
import { useNavigate, useParams } from "react-router";
import { useUser } from "@/shared/api/user";
import { ConfirmDialog } from "@/shared/components/confirm-dialog";
import { Page } from "@/shared/components/page";
import { PropertyList } from "@/shared/components/property-list";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { formatDateTime } from "@/shared/lib/format";
import { useCan, useSignedInSession } from "@/shared/session/session";
import { useDeleteUser } from "@/features/entra/users/api/delete-user";
import { UserGroups } from "@/features/entra/users/components/user-groups";
import { UserLicenses } from "@/features/entra/users/components/user-licenses";
import { UserRoles } from "@/features/entra/users/components/user-roles";

const useStyles = makeStyles({ panel: { display: "flex", flexDirection: "column", gap: "12px", paddingTop: "8px" } });

type TabId = "overview" | "licenses" | "groups" | "roles";

export default function UserDetailsRoute() {
  const s = useStyles();
  const { userId = "" } = useParams();
  const session = useSignedInSession();
  const canWrite = useCan("directory.users.write");
  const navigate = useNavigate();
  const user = useUser(session.tenant.id, userId);
  const del = useDeleteUser(session.tenant.id);
  const [tab, setTab] = useState<TabId>("overview");
  const [confirm, setConfirm] = useState(false);

  if (user.isPending) return <Page title="User"><Loading /></Page>;
  if (user.error) return <Page title="User"><ErrorMessage error={user.error} /></Page>;
  const u = user.data;

  return (
    <Page
      title={u.displayName}
      subtitle="User"
      commands={
        canWrite ? (
          <Button appearance="subtle" icon={<Delete20Regular />} onClick={() => setConfirm(true)}>
            Delete
          </Button>
        ) : undefined
      }
    >
      <TabList selectedValue={tab} onTabSelect={(_e, d) => setTab(d.value as TabId)} aria-label="User sections">
        <Tab value="overview">Overview</Tab>
        <Tab value="licenses">Licenses</Tab>
        <Tab value="groups">Groups</Tab>
        <Tab value="roles">Assigned roles</Tab>
      </TabList>
      <div className={s.panel} role="tabpanel" aria-label={tab}>
        {tab === "overview" && (
          <PropertyList
            items={[
              ["Display name", u.displayName],
              ["User principal name", u.userPrincipalName],
              ["Object ID", <code key="id">{u.id}</code>],
              ["User type", u.userType ?? "Member"],
              [
                "Account enabled",
                u.accountEnabled === false ? <Badge key="b" color="danger" appearance="tint">No</Badge> : "Yes",
              ],
              ["Given name", u.givenName ?? "—"],
              ["Surname", u.surname ?? "—"],
              ["Job title", u.jobTitle ?? "—"],
              ["Department", u.department ?? "—"],
              ["Mail", u.mail ?? "—"],
              ["Usage location", u.usageLocation ?? "—"],
              ["Created date time", formatDateTime(u.createdDateTime)],
            ]}
          />
        )}
        {tab === "licenses" && <UserLicenses tenantId={session.tenant.id} user={u} canWrite={canWrite} />}
        {tab === "groups" && <UserGroups tenantId={session.tenant.id} userId={u.id} />}
        {tab === "roles" && <UserRoles tenantId={session.tenant.id} userId={u.id} />}
      </div>
      <ConfirmDialog
        open={confirm}
        title="Delete user"
        confirmLabel="Delete"
        busy={del.isPending}
        onCancel={() => setConfirm(false)}
        onConfirm={() =>
          del.mutate(u, {
            onSuccess: () => navigate("..", { relative: "path" }),
            onSettled: () => setConfirm(false),
          })
        }
      >
        Delete {u.displayName} ({u.userPrincipalName})? The user can no longer sign in.
      </ConfirmDialog>
    </Page>
  );
}
