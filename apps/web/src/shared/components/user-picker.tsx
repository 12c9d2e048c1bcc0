// Search and pick users by display name (group members, role assignments).
import { useState } from "react";
import { Combobox, Field, Option } from "@fluentui/react-components";
import { useUserSearch } from "@/shared/api/user-search";
import type { User } from "@/shared/api/types";
import { useSignedInSession } from "@/shared/session/session";

export function UserPicker(props: { label: string; exclude?: readonly string[]; onPick: (user: User) => void }) {
  const session = useSignedInSession();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const { data, isFetching } = useUserSearch(session.tenant.id, text);
  const users = (data?.value ?? []).filter((u) => !props.exclude?.includes(u.id));
  return (
    <Field label={props.label} hint="Type the beginning of a display name">
      <Combobox
        freeform
        placeholder="Search users"
        value={text}
        open={open}
        onOpenChange={(_e, d) => setOpen(d.open)}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onOptionSelect={(_e, d) => {
          const user = users.find((u) => u.id === d.optionValue);
          if (user) props.onPick(user);
          setText("");
          setOpen(false);
        }}
      >
        {users.map((u) => (
          <Option key={u.id} value={u.id} text={u.displayName}>
            {`${u.displayName} (${u.userPrincipalName})`}
          </Option>
        ))}
        {users.length === 0 && (
          <Option disabled value="" text="">
            {isFetching ? "Searching…" : "No users found"}
          </Option>
        )}
      </Combobox>
    </Field>
  );
}
