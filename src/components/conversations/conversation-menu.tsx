import "../../styles/conversations.css";
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from "react";
import { stringifyJson } from "../../protocol/exact-json";
import { useTracy, useTracyActions, useTracyStoreApi } from "../../react/use-tracy";
import { isAbortError } from "../../transport/errors";
import type { SessionSummary } from "../../transport/types";
import { useFormat, useLabels } from "../../labels/labels-context";
import { downloadText, exportFileName } from "./download";
import { useStartNewConversation } from "./new-conversation-button";
import { relativeTime } from "./relative-time";
import { transcriptMarkdown } from "./transcript-markdown";

const ITEM = '[role^="menuitem"]:not([aria-disabled="true"])';

/**
 * The header's conversation controls: **New conversation**, and a menu with the user's earlier
 * conversations in this tenant (when the backend lists them) and the exports. A WAI-ARIA menu
 * button: arrows, Home and End move between items, Escape closes it and returns to the button.
 */
export function ConversationMenu() {
  const labels = useLabels();
  const format = useFormat();
  const store = useTracyStoreApi();
  const actions = useTracyActions();
  const sessionId = useTracy((s) => s.sessionId);
  const hasItems = useTracy((s) => s.transcript.order.length > 0);
  const startNew = useStartNewConversation();
  const [open, setOpen] = useState(false);
  const [exportError, setExportError] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();
  /** Which item takes focus when the menu opens. */
  const focusOnOpen = useRef<"first" | "last">("first");
  /** The user moved in the menu: the list arriving late no longer moves the focus. */
  const moved = useRef(false);

  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  }, []);

  const show = (at: "first" | "last") => {
    focusOnOpen.current = at;
    moved.current = false;
    setExportError(false);
    setOpen(true);
    actions.refreshConversations();
  };

  const list = useTracy((s) => s.conversations);
  useLayoutEffect(() => {
    const root = menu.current;
    if (!open || !root) return;
    // On opening, and while nothing in it could take focus yet (the list was loading), the focus
    // goes to the current conversation if listed, else the first (or last) item.
    const active = root.ownerDocument.activeElement;
    if (moved.current && root.contains(active) && active !== root) return;
    const items = menuItems(root);
    const checked = root.querySelector<HTMLElement>('[aria-checked="true"]');
    const target = focusOnOpen.current === "last" ? items.at(-1) : (checked ?? items[0]);
    (target ?? root).focus();
  }, [open, list]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      const target = e.composedPath();
      if (!target.includes(menu.current as EventTarget) && !target.includes(button.current as EventTarget))
        close(false);
    };
    const doc = button.current?.ownerDocument ?? document;
    doc.addEventListener("pointerdown", onPointer, true);
    return () => doc.removeEventListener("pointerdown", onPointer, true);
  }, [open, close]);

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    moved.current = true;
    const items = menuItems(menu.current);
    const at = items.indexOf(e.target as HTMLElement);
    const move = (to: number) => {
      e.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    switch (e.key) {
      case "ArrowDown":
        return move(at + 1);
      case "ArrowUp":
        return move(at < 0 ? items.length - 1 : at - 1);
      case "Home":
        return move(0);
      case "End":
        return move(items.length - 1);
      case "Escape":
        e.preventDefault();
        e.stopPropagation();
        return close(true);
      case "Tab":
        return close(false);
    }
  };

  const exportAs = async (kind: "md" | "json", from: HTMLElement) => {
    const { transcript, sessionId: id } = store.getState();
    if (!id) return;
    const panel = from.closest(".tracy-panel") ?? from;
    try {
      const text =
        kind === "md"
          ? transcriptMarkdown(transcript, id, labels, format)
          : `${stringifyJson(await actions.exportEventLog(), 2) ?? "[]"}\n`;
      downloadText(exportFileName(id, kind), kind === "md" ? "text/markdown" : "application/json", text, panel);
      close(true);
    } catch (error) {
      if (!isAbortError(error)) setExportError(true);
    }
  };

  return (
    <div className="tracy-conversation-controls">
      <button
        type="button"
        className="tracy-icon-button"
        aria-label={labels.newConversationHint}
        title={labels.newConversationHint}
        disabled={sessionId === null && !hasItems}
        onClick={(e) => startNew(e.currentTarget)}
      >
        <PlusIcon />
      </button>
      <button
        ref={button}
        type="button"
        className="tracy-icon-button"
        aria-label={labels.conversationsMenu}
        title={labels.conversationsMenu}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : show("first"))}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            show(e.key === "ArrowUp" ? "last" : "first");
          }
        }}
      >
        <ListIcon />
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          className="tracy-menu"
          role="menu"
          tabIndex={-1}
          aria-label={labels.conversationsMenu}
          onKeyDown={onMenuKey}
          onPointerDown={() => (moved.current = true)}
        >
          <ConversationList onOpened={() => close(true)} />
          <MenuItem
            disabled={sessionId === null && !hasItems}
            onActivate={(el) => {
              close(false);
              startNew(el);
            }}
          >
            {labels.newConversation}
          </MenuItem>
          <div role="separator" className="tracy-menu-separator" />
          <MenuItem disabled={sessionId === null} onActivate={(el) => void exportAs("md", el)}>
            {labels.exportMarkdown}
          </MenuItem>
          <MenuItem disabled={sessionId === null} onActivate={(el) => void exportAs("json", el)}>
            {labels.exportJson}
          </MenuItem>
          {exportError && (
            <p className="tracy-menu-note" role="alert">
              {labels.exportFailed}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return menu ? Array.from(menu.querySelectorAll<HTMLElement>(ITEM)) : [];
}

interface MenuItemProps {
  children: ReactNode;
  disabled?: boolean;
  role?: "menuitem" | "menuitemradio";
  checked?: boolean;
  className?: string;
  onActivate(el: HTMLElement): void;
}

/** A menu item: a button reached with the arrows (never Tab), activated with Enter, Space or a click. */
function MenuItem({ children, disabled = false, role = "menuitem", checked, className, onActivate }: MenuItemProps) {
  return (
    <button
      type="button"
      role={role}
      tabIndex={-1}
      className={`tracy-menu-item${className ? ` ${className}` : ""}`}
      aria-disabled={disabled || undefined}
      aria-checked={role === "menuitemradio" ? Boolean(checked) : undefined}
      onClick={(e) => {
        if (!disabled) onActivate(e.currentTarget);
      }}
    >
      {children}
    </button>
  );
}

/**
 * The tenant's conversations, newest first, from `GET /sessions`; not shown at all when the
 * backend has no list. Only a list made for the tenant shown now is ever rendered.
 */
function ConversationList({ onOpened }: { onOpened(): void }) {
  const labels = useLabels();
  const format = useFormat();
  const actions = useTracyActions();
  const tenantId = useTracy((s) => s.tenantId);
  const list = useTracy((s) => s.conversations);
  const sessionId = useTracy((s) => s.sessionId);
  const headingId = useId();
  const group = useRef<HTMLDivElement>(null);
  const focusAt = useRef<number | null>(null);
  useEffect(() => {
    if (focusAt.current === null) return;
    const item = group.current?.querySelectorAll<HTMLElement>(".tracy-conversation-item")[focusAt.current];
    if (item) {
      focusAt.current = null;
      item.focus();
    }
  }, [list]);
  // Read once per render of the open menu: "2 hours ago" need not tick while it is open.
  const now = Date.now();
  if (list.status === "unsupported") return null;
  const items: readonly SessionSummary[] = list.tenantId === tenantId ? list.items : [];
  const status = list.tenantId === tenantId ? list.status : "loading";
  return (
    <>
      <div ref={group} role="group" aria-labelledby={headingId} className="tracy-menu-group">
        <div id={headingId} role="presentation" className="tracy-menu-heading">
          {labels.conversationsHeading}
        </div>
        {items.map((c) => {
          const when = c.createdAt ? relativeTime(c.createdAt, now, format.locale) : null;
          const current = c.id === sessionId;
          return (
            <MenuItem
              key={c.id}
              role="menuitemradio"
              checked={current}
              className="tracy-conversation-item"
              onActivate={() => {
                actions.openSession(c.id);
                onOpened();
              }}
            >
              <span className="tracy-conversation-title" dir="auto">
                {c.title ?? labels.conversationUntitled}
              </span>
              {when && c.createdAt && (
                <time className="tracy-conversation-time" dateTime={c.createdAt}>
                  {when}
                </time>
              )}
              {current && <span className="tracy-visually-hidden"> {labels.conversationCurrent}</span>}
            </MenuItem>
          );
        })}
        {status === "ready" && items.length === 0 && (
          <MenuItem disabled onActivate={() => undefined}>
            {labels.conversationsEmpty}
          </MenuItem>
        )}
        {status === "loading" && items.length === 0 && (
          <MenuItem disabled onActivate={() => undefined}>
            {labels.conversationsLoading}
          </MenuItem>
        )}
        {status === "failed" && (
          <MenuItem onActivate={() => actions.refreshConversations()}>
            {labels.conversationsFailed} {labels.tryAgain}
          </MenuItem>
        )}
        {status === "ready" && list.nextPage !== null && (
          <MenuItem
            onActivate={() => {
              // Focus stays in the menu: on the first conversation the next page adds.
              focusAt.current = items.length;
              actions.loadMoreConversations();
            }}
          >
            {labels.conversationsMore}
          </MenuItem>
        )}
      </div>
      <div role="separator" className="tracy-menu-separator" />
    </>
  );
}

function PlusIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" fill="none" />
    </svg>
  );
}

function ListIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M3 4.5h10M3 8h10M3 11.5h10" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" fill="none" />
    </svg>
  );
}
