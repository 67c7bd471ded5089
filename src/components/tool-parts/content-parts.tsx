import { useId } from "react";
import type { ContentPart } from "../tool-content";
import { TruncatedPre } from "./truncated-pre";

/** Characters of a text document shown before "Show all". */
export const DOCUMENT_PREVIEW = 2_000;

export interface ContentPartsProps {
  parts: readonly ContentPart[];
  isError: boolean;
}

/** A tool result's content blocks: text, JSON, safe images, documents, placeholders. */
export function ContentParts({ parts, isError }: ContentPartsProps) {
  if (parts.length === 0) return <p className="tracy-muted">No output.</p>;
  return (
    <>
      {parts.map((part, i) => (
        <ContentPartView key={i} part={part} isError={isError} />
      ))}
    </>
  );
}

function ContentPartView({ part, isError }: { part: ContentPart; isError: boolean }) {
  switch (part.kind) {
    case "text":
      return (
        <TruncatedPre
          text={part.text}
          className={isError ? "tracy-code tracy-code-error" : "tracy-code tracy-code-wrap"}
        />
      );
    case "json":
      return <TruncatedPre text={part.text} />;
    case "image":
      return <img className="tracy-tool-image" src={part.src} alt={part.alt} />;
    case "link":
      return (
        <a className="tracy-tool-media" href={part.href} target="_blank" rel="noopener noreferrer nofollow">
          {part.label}
        </a>
      );
    case "placeholder":
      return <p className="tracy-tool-media tracy-muted">{part.label}</p>;
    case "document":
      return <DocumentView title={part.title} text={part.text} />;
    case "search":
      return (
        <div className="tracy-tool-search">
          <div className="tracy-tool-search-title">
            {part.href ? (
              <a href={part.href} target="_blank" rel="noopener noreferrer nofollow">
                {part.title}
              </a>
            ) : (
              part.title
            )}
          </div>
          <div className="tracy-muted">{part.source}</div>
          {part.text && (
            <TruncatedPre
              text={part.text}
              limit={DOCUMENT_PREVIEW}
              className="tracy-code tracy-code-wrap"
              moreLabel="Show all"
            />
          )}
        </div>
      );
  }
}

function DocumentView({ title, text }: { title: string; text: string }) {
  const captionId = useId();
  return (
    <figure className="tracy-tool-document" aria-labelledby={captionId}>
      <figcaption id={captionId}>{title}</figcaption>
      <TruncatedPre text={text} limit={DOCUMENT_PREVIEW} className="tracy-code tracy-code-wrap" moreLabel="Show all" />
    </figure>
  );
}

/** The text a Copy button takes from the parts: text, JSON and documents, not media. */
export function copyableText(parts: readonly ContentPart[]): string {
  return parts
    .map((p) => (p.kind === "text" || p.kind === "json" || p.kind === "document" || p.kind === "search" ? p.text : ""))
    .filter(Boolean)
    .join("\n\n");
}

/** Whether `copyableText` would return anything, without joining megabytes to find out. */
export function hasCopyableText(parts: readonly ContentPart[]): boolean {
  return parts.some(
    (p) => (p.kind === "text" || p.kind === "json" || p.kind === "document" || p.kind === "search") && p.text !== "",
  );
}
