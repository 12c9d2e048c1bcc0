// Groups > All groups.
import { useState } from "react";
import { Button } from "@fluentui/react-components";
import { ArrowClockwise20Regular, PeopleAdd20Regular } from "@fluentui/react-icons";
import { useNavigate } from "react-router";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { PagedSearchList } from "@/shared/components/paged-search-list";
import { SimpleTable } from "@/shared/components/simple-table";
import { useDebounced } from "@/shared/hooks/use-debounced";
import { formatDate } from "@/shared/lib/format";
import { useCan, useSignedInSession } from "@/shared/session/session";
import { groupTypeLabel, useGroups } from "@/features/entra/groups/api/get-groups";

export default function GroupsListRoute() {
  const session = useSignedInSession();
  const canWrite = useCan("directory.groups.write");
  const navigate = useNavigate();
  const [search, setSearch] = useState("");
  const query = useGroups(session.tenant.id, useDebounced(search));
  const groups = query.data?.pages.flatMap((p) => p.value) ?? [];
  const total = query.data?.pages[0]?.["@odata.count"];
  return (
    <Page
      title="Groups"
      subtitle={session.tenant.displayName}
      commands={
        <>
          {canWrite && (
            <Button appearance="subtle" icon={<PeopleAdd20Regular />} onClick={() => navigate("new")}>
              New group
            </Button>
          )}
          <Button appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={() => void query.refetch()}>
            Refresh
          </Button>
        </>
      }
    >
      <PagedSearchList
        searchLabel="Search groups by display name"
        search={search}
        onSearch={setSearch}
        countText={total === undefined ? undefined : `${total.toLocaleString()} groups found`}
        query={query}
      >
        <SimpleTable
          aria-label="Groups"
          rows={groups}
          rowKey={(g) => g.id}
          empty="No groups found"
          columns={[
            { header: "Name", cell: (g) => <AppLink to={g.id}>{g.displayName}</AppLink> },
            { header: "Description", cell: (g) => g.description ?? "" },
            { header: "Group type", cell: (g) => groupTypeLabel(g) },
            { header: "Created", cell: (g) => formatDate(g.createdDateTime) },
          ]}
        />
      </PagedSearchList>
    </Page>
  );
}
