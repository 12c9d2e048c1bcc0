// New group: a Security group with name, description and members (members@odata.bind, at most 20 as in Graph).
import { useState, type FormEvent } from "react";
import { Button, Field, Input, makeStyles, Tag, TagGroup, Text, Textarea } from "@fluentui/react-components";
import { useNavigate } from "react-router";
import type { TGroupCreate } from "@certlab/domain/schemas/directory";
import { directoryObjectRef } from "@/shared/api/http";
import type { User } from "@/shared/api/types";
import { Page } from "@/shared/components/page";
import { ErrorMessage } from "@/shared/components/query-state";
import { UserPicker } from "@/shared/components/user-picker";
import { useCan, useSignedInSession } from "@/shared/session/session";
import { createGroupInput, useCreateGroup } from "@/features/entra/groups/api/group";
import { mailNicknameFrom } from "@/features/entra/groups/components/mail-nickname";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "16px", maxWidth: "560px" },
  actions: { display: "flex", gap: "8px" },
});

export default function GroupNewRoute() {
  const s = useStyles();
  const session = useSignedInSession();
  const canWrite = useCan("directory.groups.write");
  const navigate = useNavigate();
  const create = useCreateGroup(session.tenant.id);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [members, setMembers] = useState<User[]>([]);
  const [errors, setErrors] = useState<{ name?: string; description?: string; members?: string }>({});

  if (!canWrite) {
    return (
      <Page title="New group">
        <Text>Your role can't create groups. Creating groups requires Global Administrator or Intune Administrator.</Text>
      </Page>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: TGroupCreate = {
      displayName: name,
      mailEnabled: false,
      securityEnabled: true,
      mailNickname: mailNicknameFrom(name),
      ...(description ? { description } : {}),
      ...(members.length ? { "members@odata.bind": members.map((m) => directoryObjectRef(m.id)) } : {}),
    };
    const parsed = createGroupInput.safeParse(body);
    if (!parsed.success) {
      const next: typeof errors = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]);
        if (key === "description") next.description ??= issue.message;
        else if (key === "members@odata.bind") next.members ??= "A new group can have at most 20 members; add more afterwards.";
        else next.name ??= issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    create.mutate(parsed.data, { onSuccess: (g) => navigate(`../${g.id}`, { relative: "path" }) });
  };

  return (
    <Page title="New group">
      <form className={s.form} onSubmit={submit} noValidate>
        <Field label="Group type">
          <Input value="Security" readOnly />
        </Field>
        <Field label="Group name" required validationMessage={errors.name} validationState={errors.name ? "error" : "none"}>
          <Input value={name} onChange={(_e, d) => setName(d.value)} />
        </Field>
        <Field label="Group description" validationMessage={errors.description} validationState={errors.description ? "error" : "none"}>
          <Textarea value={description} onChange={(_e, d) => setDescription(d.value)} />
        </Field>
        <UserPicker
          label="Members"
          exclude={members.map((m) => m.id)}
          onPick={(u) => setMembers((list) => [...list, u])}
        />
        {errors.members && <Text role="alert">{errors.members}</Text>}
        {members.length > 0 ? (
          <TagGroup
            aria-label="Selected members"
            onDismiss={(_e, d) => setMembers((list) => list.filter((m) => m.id !== d.value))}
          >
            {members.map((m) => (
              <Tag key={m.id} value={m.id} dismissible dismissIcon={{ "aria-label": `Remove ${m.displayName}` }}>
                {m.displayName}
              </Tag>
            ))}
          </TagGroup>
        ) : (
          <Text>No members selected</Text>
        )}
        {create.error && <ErrorMessage error={create.error} title="Could not create group" />}
        <div className={s.actions}>
          <Button appearance="primary" type="submit" disabled={create.isPending}>
            Create
          </Button>
          <Button onClick={() => navigate("..", { relative: "path" })}>Cancel</Button>
        </div>
      </form>
    </Page>
  );
}
