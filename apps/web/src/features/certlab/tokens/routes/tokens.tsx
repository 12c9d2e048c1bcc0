// API tokens: personal tokens for scripts (Bearer auth against /graph and /api), listed, created, revoked.
import { useState } from "react";
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import { Add20Regular } from "@fluentui/react-icons";
import type { ApiToken } from "@/shared/api/types";
import { ConfirmDialog } from "@/shared/components/confirm-dialog";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { formatDateTime } from "@/shared/lib/format";
import { useCan } from "@/shared/session/session";
import { useRevokeToken, useTokens } from "@/features/certlab/tokens/api/tokens";
import { CreateTokenDialog } from "@/features/certlab/tokens/components/create-token-dialog";

export default function TokensRoute() {
  const canManage = useCan("tokens.self");
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken>();
  const origin = window.location.origin;

  return (
    <Page
      title="API tokens"
      subtitle="Personal tokens for scripts: they act as you, in the directory you're signed in to."
      commands={
        canManage ? (
          <Button appearance="subtle" icon={<Add20Regular />} onClick={() => setCreating(true)}>
            New token
          </Button>
        ) : undefined
      }
    >
      {tokens.isPending && <Loading />}
      {tokens.error && <ErrorMessage error={tokens.error} />}
      {tokens.data && (
        <Table aria-label="API tokens">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Token</TableHeaderCell>
              <TableHeaderCell>Created</TableHeaderCell>
              <TableHeaderCell>Expires</TableHeaderCell>
              <TableHeaderCell>Last used</TableHeaderCell>
              <TableHeaderCell>
                <span className="sr-only">Action</span>
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {tokens.data.value.map((t) => (
              <TableRow key={t.id}>
                <TableCell>{t.displayName}</TableCell>
                <TableCell>
                  <code>{t.tokenPrefix}…</code>
                </TableCell>
                <TableCell>{formatDateTime(t.createdDateTime)}</TableCell>
                <TableCell>{formatDateTime(t.expiresDateTime)}</TableCell>
                <TableCell>{t.lastUsedDateTime ? formatDateTime(t.lastUsedDateTime) : "Never"}</TableCell>
                <TableCell>
                  {canManage && (
                    <Button size="small" aria-label={`Revoke ${t.displayName}`} onClick={() => setRevoking(t)}>
                      Revoke
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
            {tokens.data.value.length === 0 && (
              <TableRow>
                <TableCell colSpan={6}>You have no API tokens</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      )}
      <h2 style={{ fontSize: 16, margin: "16px 0 0" }}>Use it</h2>
      <Text>Send the token as a bearer token; Graph scripts work by changing the base URL.</Text>
      <pre style={{ margin: 0, padding: 12, overflowX: "auto", background: "var(--colorNeutralBackground3)" }} aria-label="Example request">
        <code>{`curl -H "Authorization: Bearer <token>" ${origin}/graph/beta/me`}</code>
      </pre>
      <CreateTokenDialog open={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        open={!!revoking}
        title="Revoke API token"
        confirmLabel="Revoke"
        busy={revoke.isPending}
        onCancel={() => setRevoking(undefined)}
        onConfirm={() => revoking && revoke.mutate(revoking, { onSettled: () => setRevoking(undefined) })}
      >
        Revoke {revoking?.displayName}? Scripts using it stop working immediately.
      </ConfirmDialog>
    </Page>
  );
}
