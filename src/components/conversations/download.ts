/**
 * Hands `text` to the browser as a file download. Nothing is navigated to: a blob URL of the
 * text, clicked through a detached link, then revoked.
 */
export function downloadText(fileName: string, mimeType: string, text: string, from: Element): void {
  if (typeof URL.createObjectURL !== "function") return;
  const url = URL.createObjectURL(new Blob([text], { type: `${mimeType};charset=utf-8` }));
  const link = from.ownerDocument.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  link.style.display = "none";
  // Inside the panel, so a shadow root or a modal dialog around it does not matter.
  (from.closest(".tracy-panel") ?? from.ownerDocument.body).appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name from a session id: only characters every file system takes. */
export function exportFileName(sessionId: string, extension: "md" | "json"): string {
  const safe = sessionId.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 80) || "conversation";
  return `tracy-${safe}.${extension}`;
}
