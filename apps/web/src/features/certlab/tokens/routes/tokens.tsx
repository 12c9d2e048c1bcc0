// API tokens: personal tokens for scripts (Bearer auth against /graph and /api), listed, created, revoked.
import { useState } from "react";
import { Button, Text } from "@fluentui/react-components";
import { Add20Regular } from "@fluentui/react-icons";
import type { ApiToken } from "@/shared/api/types";
import { ConfirmDialog } from "@/shared/components/confirm-dialog";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { ACTION_HEADER, SimpleTable } from "@/shared/components/simple-table";
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
        <SimpleTable
          aria-label="API tokens"
          rows={tokens.data.value}
          rowKey={(t) => t.id}
          empty="You have no API tokens"
          columns={[
            { header: "Name", cell: (t) => t.displayName },
            { header: "Token", cell: (t) => <code>{t.tokenPrefix}…</code> },
            { header: "Created", cell: (t) => formatDateTime(t.createdDateTime) },
            { header: "Expires", cell: (t) => formatDateTime(t.expiresDateTime) },
            { header: "Last used", cell: (t) => (t.lastUsedDateTime ? formatDateTime(t.lastUsedDateTime) : "Never") },
            {
              header: ACTION_HEADER,
              cell: (t) =>
                canManage && (
                  <Button size="small" aria-label={`Revoke ${t.displayName}`} onClick={() => setRevoking(t)}>
                    Revoke
                  </Button>
                ),
            },
          ]}
        />
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
