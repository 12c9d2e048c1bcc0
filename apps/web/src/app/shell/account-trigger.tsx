// The account manager's button (top right): who is signed in and to which directory. The shell draws it on first
// paint (account-menu.tsx); the menu it opens (account-menu-popover.tsx) draws the same button as its trigger.
import { forwardRef, type ButtonHTMLAttributes } from "react";
import { Avatar, Button, makeStyles, Text, tokens, type ButtonProps } from "@fluentui/react-components";
import { useSignedInSession } from "@/shared/session/session";

const useStyles = makeStyles({
  trigger: { color: "inherit", minWidth: 0, maxWidth: "260px", padding: "0 6px", height: "40px" },
  names: { display: "flex", flexDirection: "column", alignItems: "flex-end", lineHeight: "1.1", overflow: "hidden" },
  // Full header colour: at 85% opacity the tenant name fell to 4.35:1 on the Entra blue bar (WCAG AA needs 4.5:1).
  small: { fontSize: tokens.fontSizeBase100, textTransform: "uppercase" },
});

export const AccountTrigger = forwardRef<HTMLButtonElement, Omit<ButtonHTMLAttributes<HTMLButtonElement>, "children">>(
  function AccountTrigger(props, ref) {
    const s = useStyles();
    const session = useSignedInSession();
    return (
      <Button {...(props as ButtonProps)} ref={ref} appearance="transparent" className={s.trigger} aria-label="Account manager">
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
    );
  },
);
