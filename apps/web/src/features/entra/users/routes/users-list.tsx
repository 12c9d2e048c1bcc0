// Users > All users: search by display name, 100 per page with "Load more", "New user" for those who may.
import { useState } from "react";
import { Badge, Button } from "@fluentui/react-components";
import { ArrowClockwise20Regular, PersonAdd20Regular } from "@fluentui/react-icons";
import { useNavigate } from "react-router";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { PagedSearchList } from "@/shared/components/paged-search-list";
import { SimpleTable } from "@/shared/components/simple-table";
import { useDebounced } from "@/shared/hooks/use-debounced";
import { formatDate } from "@/shared/lib/format";
import { useCan, useSignedInSession } from "@/shared/session/session";
import { useUsers } from "@/features/entra/users/api/get-users";

export default function UsersListRoute() {
  const session = useSignedInSession();
  const canWrite = useCan("directory.users.write");
  const navigate = useNavigate();
  const [search, setSearch] = useState("");
  const query = useUsers(session.tenant.id, useDebounced(search));
  const users = query.data?.pages.flatMap((p) => p.value) ?? [];
  const total = query.data?.pages[0]?.["@odata.count"];

  return (
    <Page
      title="Users"
      subtitle={session.tenant.displayName}
      commands={
        <>
          {canWrite && (
            <Button appearance="subtle" icon={<PersonAdd20Regular />} onClick={() => navigate("new")}>
              New user
            </Button>
          )}
          <Button appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={() => void query.refetch()}>
            Refresh
          </Button>
        </>
      }
    >
      <PagedSearchList
        searchLabel="Search users by display name"
        search={search}
        onSearch={setSearch}
        countText={total === undefined ? undefined : `${total.toLocaleString()} user${total === 1 ? "" : "s"} found`}
        query={query}
      >
        <SimpleTable
          aria-label="Users"
          rows={users}
          rowKey={(u) => u.id}
          empty="No users found"
          columns={[
            { header: "Display name", cell: (u) => <AppLink to={u.id}>{u.displayName}</AppLink> },
            { header: "User principal name", cell: (u) => u.userPrincipalName },
            { header: "User type", cell: (u) => u.userType ?? "Member" },
            {
              header: "Account enabled",
              cell: (u) => (u.accountEnabled === false ? <Badge color="danger" appearance="tint">No</Badge> : "Yes"),
            },
            { header: "Created", cell: (u) => formatDate(u.createdDateTime) },
          ]}
        />
      </PagedSearchList>
    </Page>
  );
}
