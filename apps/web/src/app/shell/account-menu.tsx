// The account manager (top right): who is signed in, to which directory, and the session actions.
import {
  Avatar,
  Button,
  makeStyles,
  Menu,
  MenuDivider,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Text,
  tokens,
} from "@fluentui/react-components";
import { ArrowSwap20Regular, Key20Regular, SignOut20Regular } from "@fluentui/react-icons";
import { useNavigate } from "react-router";
import { useSignedInSession } from "@/shared/session/session";
import { paths } from "@/shared/paths";
import { useSignOut } from "@/app/shell/session-actions";

const useStyles = makeStyles({
  trigger: { color: "inherit", minWidth: 0, maxWidth: "260px", padding: "0 6px", height: "40px" },
  names: { display: "flex", flexDirection: "column", alignItems: "flex-end", lineHeight: "1.1", overflow: "hidden" },
  // Full header colour: at 85% opacity the tenant name fell to 4.35:1 on the Entra blue bar (WCAG AA needs 4.5:1).
  small: { fontSize: tokens.fontSizeBase100, textTransform: "uppercase" },
  card: { display: "flex", gap: "12px", padding: "12px", alignItems: "center", maxWidth: "340px" },
  sub: { color: tokens.colorNeutralForeground3 },
});

export function AccountMenu(props: { onSwitchDirectory: () => void }) {
  const s = useStyles();
  const session = useSignedInSession();
  const navigate = useNavigate();
  const signOut = useSignOut();
  return (
    <Menu positioning="below-end">
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="transparent" className={s.trigger} aria-label="Account manager">
          <span className={s.names}>
            <Text size={200} truncate wrap={false}>
              {session.user.userPrincipalName}
            </Text>
            <Text className={s.small} truncate wrap={false}>
              {session.tenant.displayName}
            </Text>
          </span>
          <Avatar name={session.user.displayName} size={28} style={{ marginLeft: 8 }} />
        </Button>
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
