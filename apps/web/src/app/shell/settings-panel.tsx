// Portal settings: the theme, kept in localStorage.
import { Button, DrawerBody, DrawerHeader, DrawerHeaderTitle, OverlayDrawer, Radio, RadioGroup, Field } from "@fluentui/react-components";
import { Dismiss20Regular } from "@fluentui/react-icons";
import { setTheme, useTheme, type ThemeName } from "@/shared/theme/theme-store";

export function SettingsPanel(props: { open: boolean; onClose: () => void }) {
  const theme = useTheme();
  return (
    <OverlayDrawer position="end" open={props.open} onOpenChange={(_e, d) => !d.open && props.onClose()}>
      <DrawerHeader>
        <DrawerHeaderTitle
          action={<Button appearance="subtle" aria-label="Close" icon={<Dismiss20Regular />} onClick={props.onClose} />}
        >
          Portal settings
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
        <Field label="Theme">
          <RadioGroup value={theme} onChange={(_e, d) => setTheme(d.value as ThemeName)}>
            <Radio value="light" label="Light" />
            <Radio value="dark" label="Dark" />
          </RadioGroup>
        </Field>
      </DrawerBody>
    </OverlayDrawer>
  );
}
