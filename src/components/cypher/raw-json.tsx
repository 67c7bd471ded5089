import { useMemo } from "react";
import { TruncatedPre } from "../tool-parts/truncated-pre";

export interface RawJsonProps {
  value: unknown;
}

/** A result as indented JSON. Printed only when first shown: 10,000 rows of JSON is work worth skipping. */
export function RawJson({ value }: RawJsonProps) {
  const text = useMemo(() => JSON.stringify(value, null, 2), [value]);
  return <TruncatedPre text={text} />;
}
