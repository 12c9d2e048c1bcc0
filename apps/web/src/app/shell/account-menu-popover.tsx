// The account manager's menu: who is signed in, to which directory, and the session actions. Its own chunk (Fluent's
// Menu and the positioning it needs), loaded by account-menu.tsx when the pointer or the focus reaches the button.
import { useLayoutEffect, useRef } from "react";
import { Avatar, makeStyles, Menu, MenuDivider, MenuItem, MenuList, MenuPopover, MenuTrigger, Text, tokens } from "@fluentui/react-components";
import { ArrowSwap20Regular, Key20Regular, SignOut20Regular } from "@fluentui/react-icons";
import { useNavigate } from "react-router";
import { useSignedInSession } from "@/shared/session/session";
import { paths } from "@/shared/paths";
import { useSignOut } from "@/app/shell/session-actions";
import { AccountTrigger } from "@/app/shell/account-trigger";

const useStyles = makeStyles({
  card: { display: "flex", gap: "12px", padding: "12px", alignItems: "center", maxWidth: "340px" },
  sub: { color: tokens.colorNeutralForeground3 },
});

export default function AccountMenuPopover(props: {
  onSwitchDirectory: () => void;
  /** Open at once: the button was activated while this chunk was loading. */
  defaultOpen: boolean;
  /** The button had the focus when it was swapped for this one: give it back (unless it has moved on). */
  takeFocus: boolean;
}) {
  const s = useStyles();
  const session = useSignedInSession();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const trigger = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    // Once, on the swap: the first render replaces the shell's button, focus left with it (to <body>) and comes
    // back here; an open menu moves the focus into itself. Later renders leave the focus alone.
    if (props.takeFocus && !props.defaultOpen && document.activeElement === document.body) trigger.current?.focus();
  }, []);
  return (
    <Menu positioning="below-end" defaultOpen={props.defaultOpen}>
      <MenuTrigger disableButtonEnhancement>
        <AccountTrigger ref={trigger} />
      </MenuTrigger>
      <MenuPopover>
        <div className={s.card}>
          <Avatar name={session.user.displayName} size={56} />
          <div>
            <Text weight="semibold" block>
              {session.user.displayName}
            </Text>
            <Text block>{session.user.userPrincipalName}</Text>
            <Text block className={s.sub}>
              {session.tenant.displayName} ({session.tenant.defaultDomain})
            </Text>
            {session.roles.length > 0 && (
              <Text block size={200} className={s.sub}>
                {session.roles.map((r) => r.displayName).join(", ")}
              </Text>
            )}
          </div>
        </div>
        <MenuDivider />
        <MenuList>
          <MenuItem icon={<ArrowSwap20Regular />} onClick={props.onSwitchDirectory}>
            Switch directory
          </MenuItem>
          <MenuItem icon={<Key20Regular />} onClick={() => navigate(paths.tokens)}>
            API tokens
          </MenuItem>
          <MenuItem icon={<SignOut20Regular />} onClick={() => signOut.mutate()}>
            Sign out
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
