import { useId } from "react";
import { useLabels } from "../../labels/labels-context";
import type { TracyLabels } from "../../labels/tracy-labels";
import type { ContentPart, MediaName } from "../tool-content";
import { TruncatedPre } from "./truncated-pre";

/** Characters of a text document shown before "Show all". */
export const DOCUMENT_PREVIEW = 2_000;

export interface ContentPartsProps {
  parts: readonly ContentPart[];
  isError: boolean;
}

/** A tool result's content blocks: text, JSON, safe images, documents, placeholders. */
export function ContentParts({ parts, isError }: ContentPartsProps) {
  const labels = useLabels();
  if (parts.length === 0) return <p className="tracy-muted">{labels.noOutput}</p>;
  return (
    <>
      {parts.map((part, i) => (
        <ContentPartView key={i} part={part} isError={isError} />
      ))}
    </>
  );
}

function ContentPartView({ part, isError }: { part: ContentPart; isError: boolean }) {
  const labels = useLabels();
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
      return <img className="tracy-tool-image" src={part.src} alt={labels.toolImageAlt(part.mediaType)} />;
    case "link":
      return (
        <a className="tracy-tool-media" href={part.href} target="_blank" rel="noopener noreferrer nofollow">
          {labels.mediaLink(mediaName(labels, part.media), part.url)}
        </a>
      );
    case "placeholder":
      return <p className="tracy-tool-media tracy-muted">{placeholderText(labels, part)}</p>;
    case "redacted":
      return <p className="tracy-tool-media tracy-muted">{labels.redactedContent}</p>;
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
              moreLabel={labels.showAll}
            />
          )}
        </div>
      );
  }
}

function mediaName(labels: Readonly<TracyLabels>, media: MediaName): string {
  return media.kind === "image" ? labels.mediaImage : labels.mediaDocument(media.title);
}

function placeholderText(labels: Readonly<TracyLabels>, part: Extract<ContentPart, { kind: "placeholder" }>): string {
  const what = mediaName(labels, part.media);
  switch (part.reason) {
    case "unsafe-link":
      return labels.mediaUnsafeLink(what);
    case "file":
      return labels.mediaFile(what, part.fileId);
    case "format":
      return labels.mediaNotShown(what, part.format === "application/pdf" ? labels.mediaPdf : part.format);
  }
}

function DocumentView({ title, text }: { title: string | null; text: string }) {
  const captionId = useId();
  const labels = useLabels();
  return (
    <figure className="tracy-tool-document" aria-labelledby={captionId}>
      <figcaption id={captionId}>{title ?? labels.untitled}</figcaption>
      <TruncatedPre
        text={text}
        limit={DOCUMENT_PREVIEW}
        className="tracy-code tracy-code-wrap"
        moreLabel={labels.showAll}
      />
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
