import { useState } from "react";
import { useFormat, useLabels } from "../../labels/labels-context";

export interface Page {
  start: number;
  end: number;
  page: number;
  pageCount: number;
  setPage: (page: number) => void;
}

/** A window of `size` items over `total`; the page is clamped if the total shrinks. */
export function usePage(total: number, size: number): Page {
  const [wanted, setPage] = useState(0);
  const pageCount = Math.max(1, Math.ceil(total / size));
  const page = Math.min(wanted, pageCount - 1);
  const start = page * size;
  return { start, end: Math.min(total, start + size), page, pageCount, setPage };
}

export interface PagerProps {
  page: Page;
  total: number;
  /** What is counted: "Rows", "Nodes" (a label). */
  noun: string;
  /** Names the navigation landmark, e.g. "Result pages". */
  label: string;
}

/** Prev / "rows a–b of N" / Next. The range is announced politely as it changes. */
export function Pager({ page, total, noun, label }: PagerProps) {
  const labels = useLabels();
  const n = useFormat().number;
  return (
    <nav className="tracy-pager" aria-label={label}>
      <button
        type="button"
        className="tracy-button tracy-button-small"
        disabled={page.page === 0}
        onClick={() => page.setPage(page.page - 1)}
      >
        {labels.previousPage}
      </button>
      <span className="tracy-pager-range" aria-live="polite">
        {labels.pageRange(noun, n(page.start + 1), n(page.end), n(total))}
      </span>
      <button
        type="button"
        className="tracy-button tracy-button-small"
        disabled={page.page >= page.pageCount - 1}
        onClick={() => page.setPage(page.page + 1)}
      >
        {labels.nextPage}
      </button>
    </nav>
  );
}
