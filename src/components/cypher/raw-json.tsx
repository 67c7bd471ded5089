import { useMemo } from "react";
import { stringifyJson } from "../../protocol/exact-json";
import { TruncatedPre } from "../tool-parts/truncated-pre";

export interface RawJsonProps {
  value: unknown;
}

/** A result as indented JSON. Printed only when first shown: 10,000 rows of JSON is work worth skipping. */
export function RawJson({ value }: RawJsonProps) {
  const text = useMemo(() => stringifyJson(value, 2) ?? "", [value]);
  return <TruncatedPre text={text} />;
}
