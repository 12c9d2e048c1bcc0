// Users > All users: search by display name, 100 per page with "Load more", "New user" for those who may.
import { useState } from "react";
import {
  Badge,
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
import { ArrowClockwise20Regular, PersonAdd20Regular } from "@fluentui/react-icons";
import { useNavigate } from "react-router";
import { AppLink } from "@/shared/components/app-link";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
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
      <SearchBox
        aria-label="Search users by display name"
        placeholder="Search by display name"
        value={search}
        onChange={(_e, d) => setSearch(d.value)}
        style={{ maxWidth: 360 }}
      />
      {total !== undefined && (
        <Text aria-live="polite">
          {total.toLocaleString()} user{total === 1 ? "" : "s"} found
        </Text>
      )}
      {query.isPending && <Loading />}
      {query.error && <ErrorMessage error={query.error} />}
      {query.data && (
        <Table aria-label="Users">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Display name</TableHeaderCell>
              <TableHeaderCell>User principal name</TableHeaderCell>
              <TableHeaderCell>User type</TableHeaderCell>
              <TableHeaderCell>Account enabled</TableHeaderCell>
              <TableHeaderCell>Created</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {users.map((u) => (
              <TableRow key={u.id}>
                <TableCell>
                  <AppLink to={u.id}>{u.displayName}</AppLink>
                </TableCell>
                <TableCell>{u.userPrincipalName}</TableCell>
                <TableCell>{u.userType ?? "Member"}</TableCell>
                <TableCell>
                  {u.accountEnabled === false ? <Badge color="danger" appearance="tint">No</Badge> : "Yes"}
                </TableCell>
                <TableCell>{formatDate(u.createdDateTime)}</TableCell>
              </TableRow>
            ))}
            {users.length === 0 && (
              <TableRow>
                <TableCell colSpan={5}>No users found</TableCell>
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
