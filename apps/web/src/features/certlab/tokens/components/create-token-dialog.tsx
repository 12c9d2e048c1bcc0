// New API token: name and expiry; then the token, shown once, with a copy button.
import { useState, type FormEvent } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  SpinButton,
} from "@fluentui/react-components";
import { Copy20Regular } from "@fluentui/react-icons";
import type { ApiTokenCreated } from "@/shared/api/types";
import { notifications } from "@/shared/notifications/notification-store";
import { createTokenInput, useCreateToken } from "@/features/certlab/tokens/api/tokens";

export function CreateTokenDialog(props: { open: boolean; onClose: () => void }) {
  const create = useCreateToken();
  const [name, setName] = useState("");
  const [days, setDays] = useState(30);
  const [errors, setErrors] = useState<{ name?: string; days?: string }>({});
  const [created, setCreated] = useState<ApiTokenCreated>();

  const close = () => {
    setName("");
    setDays(30);
    setErrors({});
    setCreated(undefined);
    create.reset();
    props.onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = createTokenInput.safeParse({ displayName: name, expiresInDays: days });
    if (!parsed.success) {
      const next: typeof errors = {};
      for (const i of parsed.error.issues) {
        if (i.path[0] === "displayName") next.name ??= i.message;
        else next.days ??= "Enter a number of days from 1 to 365.";
      }
      setErrors(next);
      return;
    }
    setErrors({});
    create.mutate(parsed.data, { onSuccess: setCreated });
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      notifications.push({ intent: "success", title: "Token copied to the clipboard" });
    } catch {
      notifications.push({ intent: "warning", title: "Couldn't copy", body: "Select the token and copy it yourself." });
    }
  };

  return (
    <Dialog open={props.open} onOpenChange={(_e, d) => !d.open && close()}>
      <DialogSurface>
        {created ? (
          <DialogBody>
            <DialogTitle>API token created</DialogTitle>
            <DialogContent style={{ display: "flex", flexDirection: "column", gap: 12 }}>
              <MessageBar intent="warning">
                <MessageBarBody>Copy this token now. It won't be shown again.</MessageBarBody>
              </MessageBar>
              <Field label="Token">
                <Input readOnly value={created.token} onFocus={(e) => e.target.select()} style={{ fontFamily: "Consolas, monospace" }} />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" icon={<Copy20Regular />} onClick={() => void copy()}>
                Copy token
              </Button>
              <Button onClick={close}>Done</Button>
            </DialogActions>
          </DialogBody>
        ) : (
          <form onSubmit={submit} noValidate>
            <DialogBody>
              <DialogTitle>New API token</DialogTitle>
              <DialogContent style={{ display: "flex", flexDirection: "column", gap: 12 }}>
                <Field label="Name" required validationMessage={errors.name} validationState={errors.name ? "error" : "none"}>
                  <Input value={name} onChange={(_e, d) => setName(d.value)} />
                </Field>
                <Field label="Expires in (days)" validationMessage={errors.days} validationState={errors.days ? "error" : "none"}>
                  <SpinButton
                    min={1}
                    max={365}
                    value={days}
                    onChange={(_e, d) => {
                      const v = d.value ?? Number(d.displayValue);
                      if (Number.isFinite(v)) setDays(v as number);
                    }}
                  />
                </Field>
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" type="submit" disabled={create.isPending}>
                  Create
                </Button>
                <Button onClick={close}>Cancel</Button>
              </DialogActions>
            </DialogBody>
          </form>
        )}
      </DialogSurface>
    </Dialog>
  );
}
