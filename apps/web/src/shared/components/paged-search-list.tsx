// A searchable collection read 100 at a time: search box, how many matched, the table once loaded, "Load more".
import type { ReactNode } from "react";
import { Button, SearchBox, Text } from "@fluentui/react-components";
import { ErrorMessage, Loading } from "@/shared/components/query-state";

/** What the list needs of a TanStack infinite query. */
export type PagedQuery = {
  isPending: boolean;
  error: unknown;
  data: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
};

export function PagedSearchList(props: {
  searchLabel: string;
  search: string;
  onSearch: (value: string) => void;
  /** e.g. "12 users found"; nothing until the first page has answered. */
  countText?: string;
  query: PagedQuery;
  /** The table, shown once the first page is in. */
  children: ReactNode;
}) {
  const { query } = props;
  return (
    <>
      <SearchBox
        aria-label={props.searchLabel}
        placeholder="Search by display name"
        value={props.search}
        onChange={(_e, d) => props.onSearch(d.value)}
        style={{ maxWidth: 360 }}
      />
      {props.countText !== undefined && <Text aria-live="polite">{props.countText}</Text>}
      {query.isPending && <Loading />}
      {query.error ? <ErrorMessage error={query.error} /> : null}
      {query.data ? props.children : null}
      {query.hasNextPage && (
        <Button onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage} style={{ alignSelf: "flex-start" }}>
          {query.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      )}
    </>
  );
}
