import { useState, type CSSProperties, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { useIsomorphicLayoutEffect } from "../react/use-isomorphic-layout-effect";

/** One constructed stylesheet per document, shared by every shadow-isolated panel in it. */
const sheets = new WeakMap<Document, Promise<CSSStyleSheet | string>>();

/**
 * The panel's CSS for a shadow root: a constructable stylesheet where the browser has them (adopted without a
 * <style> element, so a strict style-src CSP allows it), else the text for a <style> element.
 */
function panelStylesheet(doc: Document): Promise<CSSStyleSheet | string> {
  let sheet = sheets.get(doc);
  if (!sheet) {
    sheet = import("../styles/panel-css").then(({ PANEL_CSS }) => {
      const Sheet = doc.defaultView?.CSSStyleSheet;
      if (!Sheet || !("adoptedStyleSheets" in doc)) return PANEL_CSS;
      const constructed = new Sheet();
      constructed.replaceSync(PANEL_CSS);
      return constructed;
    });
    // A chunk that fails to load (offline, a redeploy) must not keep the panel from showing: it shows unstyled,
    // and the next panel to mount tries again.
    sheet = sheet.catch(() => {
      sheets.delete(doc);
      return "";
    });
    sheets.set(doc, sheet);
  }
  return sheet;
}

/** Lays the panel's own sheet into the shadow root, once. */
function adopt(root: ShadowRoot, sheet: CSSStyleSheet | string) {
  if (typeof sheet !== "string") {
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  if (root.querySelector("style[data-tracy-panel]")) return;
  const style = root.ownerDocument.createElement("style");
  style.dataset["tracyPanel"] = "";
  style.textContent = sheet;
  root.prepend(style);
}

export interface ShadowRootHostProps {
  className?: string | undefined;
  style?: CSSProperties | undefined;
  children: ReactNode;
}

/**
 * A host element whose open shadow root holds `children`, styled by the panel's CSS alone: the page's CSS does
 * not reach in (only inherited properties and custom properties cross, and the panel root resets the former),
 * and the panel's CSS does not reach out. Children render once the stylesheet is in place, so nothing shows
 * unstyled. React handles events in the portal through listeners on the shadow root itself.
 */
export function ShadowRootHost({ className, style, children }: ShadowRootHostProps) {
  const [host, setHost] = useState<HTMLDivElement | null>(null);
  const [root, setRoot] = useState<ShadowRoot | null>(null);
  useIsomorphicLayoutEffect(() => {
    if (!host) return;
    // A remount (StrictMode, or a key change reusing the node) finds the root already attached.
    const shadow = host.shadowRoot ?? host.attachShadow({ mode: "open" });
    let live = true;
    void panelStylesheet(host.ownerDocument).then((sheet) => {
      if (!live) return;
      adopt(shadow, sheet);
      setRoot(shadow);
    });
    return () => {
      live = false;
    };
  }, [host]);
  return (
    <div
      ref={setHost}
      className={className}
      // Inline, so that no host rule (not even `* { all: unset }`) can collapse the element the panel fills.
      style={{ display: "block", height: "100%", ...style }}
      data-tracy-shadow-host=""
    >
      {root && createPortal(children, root)}
    </div>
  );
}
