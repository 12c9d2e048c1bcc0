// Groups > All groups.
import { useState } from "react";
import {
  Button,
  SearchBox,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import { ArrowClockwise20Regular, PeopleAdd20Regular } from "@fluentui/react-icons";
import { useNavigate } from "react-router";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
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
      <SearchBox
        aria-label="Search groups by display name"
        placeholder="Search by display name"
        value={search}
        onChange={(_e, d) => setSearch(d.value)}
        style={{ maxWidth: 360 }}
      />
      {total !== undefined && <Text aria-live="polite">{total.toLocaleString()} groups found</Text>}
      {query.isPending && <Loading />}
      {query.error && <ErrorMessage error={query.error} />}
      {query.data && (
        <Table aria-label="Groups">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Description</TableHeaderCell>
              <TableHeaderCell>Group type</TableHeaderCell>
              <TableHeaderCell>Created</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {groups.map((g) => (
              <TableRow key={g.id}>
                <TableCell>
                  <AppLink to={g.id}>{g.displayName}</AppLink>
                </TableCell>
                <TableCell>{g.description ?? ""}</TableCell>
                <TableCell>{groupTypeLabel(g)}</TableCell>
                <TableCell>{formatDate(g.createdDateTime)}</TableCell>
              </TableRow>
            ))}
            {groups.length === 0 && (
              <TableRow>
                <TableCell colSpan={4}>No groups found</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      )}
      {query.hasNextPage && (
        <Button onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage} style={{ alignSelf: "flex-start" }}>
          {query.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      )}
    </Page>
  );
}
