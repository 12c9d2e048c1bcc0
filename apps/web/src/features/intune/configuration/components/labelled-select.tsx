// A Select whose options are a value → label map (labels.ts), with or without its Field.
import { Field, Select } from "@fluentui/react-components";

/** One <option> per entry of a value → label map, in the map's order. */
export function LabelOptions({ labels }: { labels: Record<string, string> }) {
  return (
    <>
      {Object.entries(labels).map(([v, l]) => (
        <option key={v} value={v}>
          {l}
        </option>
      ))}
    </>
  );
}

export type LabelledSelectProps = {
  label: string;
  hint?: string;
  value: string;
  labels: Record<string, string>;
  onChange: (value: string) => void;
  /** A first option with the value "" (e.g. "Not configured"). */
  emptyOption?: string;
};

export function LabelledSelect({ label, hint, value, labels, onChange, emptyOption }: LabelledSelectProps) {
  return (
    <Field label={label} hint={hint}>
      <Select value={value} onChange={(_e, d) => onChange(d.value)}>
        {emptyOption !== undefined && <option value="">{emptyOption}</option>}
        <LabelOptions labels={labels} />
      </Select>
    </Field>
  );
}
