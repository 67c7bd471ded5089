import type { ToolResult } from "../../protocol/transcript";
import { ELAPSED_KEYS, isElapsed, resultText } from "./cypher-result";
import { closingQuote } from "../../protocol/exact-json";

/**
 * What a closed card's header shows, read off the result's text in one pass without building the value:
 * a fraction of what `JSON.parse` and the table and graph extraction cost, and no memory kept.
 */
export interface ResultGlance {
  /** Row count when the result is a table as `parseCypherResult` reads one; null when it is not, or unknown. */
  rows: number | null;
  /** Server-reported query time, as `parseCypherResult` reads it. */
  elapsedMs: number | null;
}

/** Kinds of list elements, as bits. */
const OBJECT = 1;
const ARRAY = 2;
const STRING = 4;
const SCALAR = 8;

interface List {
  count: number;
  /** The kinds of all elements, or-ed together. */
  kinds: number;
}

/** A top-level member's value, as far as the glance needs it. */
type Member = List | number | null | "other";

const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;

const cache = new WeakMap<ToolResult, ResultGlance>();

/** The glance at a result, once per result object. */
export function glanceAtResult(result: ToolResult): ResultGlance {
  let glance = cache.get(result);
  if (!glance) {
    glance = glanceAtJson(resultText(result.content)) ?? { rows: null, elapsedMs: null };
    cache.set(result, glance);
  }
  return glance;
}

/**
 * Reads the top-level structure of a JSON text: the elements of a top-level array, or of a top-level
 * object's `rows`/`records`/`data`, its `columns`/`keys` and its query time. Brackets and strings are
 * checked, literals are not. Null when the text is not a JSON array or object.
 */
export function glanceAtJson(json: string): ResultGlance | null {
  const text = json.trim();
  if (!text.startsWith("{") && !text.startsWith("[")) return null;
  const stack: number[] = [];
  const members = new Map<string, Member>();
  let topList: List | null = null;
  let list: List | null = null; // the list whose elements are being counted…
  let listDepth = 0; // …and the depth its elements sit at
  let awaiting = false; // the next value at listDepth starts an element
  let key: string | null = null; // the top-level member being read…
  let valueFrom = -1; // …and where its value starts while it may be a scalar

  const element = (kind: number) => {
    if (list && awaiting) {
      list.count++;
      list.kinds |= kind;
      awaiting = false;
    }
  };
  const endMember = (at: number) => {
    if (key !== null && valueFrom >= 0) {
      const value = text.slice(valueFrom, at).trim();
      members.set(key, value === "null" ? null : NUMBER.test(value) ? Number(value) : "other");
    }
    key = null;
    valueFrom = -1;
  };

  for (let i = 0; i < text.length; i++) {
    // Inside a row, or inside a member that is not a list: only brackets matter until it closes.
    if (stack.length > (list ? listDepth : 1)) {
      i = nextBracket(text, i);
      if (i < 0) return null; // never closes
    }
    const c = text.charCodeAt(i);
    const depth = stack.length;
    const inTopObject = depth === 1 && stack[0] === OPEN_OBJECT;
    const atList = list !== null && depth === listDepth;

    if (c === QUOTE) {
      const end = closingQuote(text, i);
      if (end < 0) return null;
      if (inTopObject && key === null) {
        key = memberName(text.slice(i, end + 1));
        if (key === null) return null;
      } else if (inTopObject && key !== null) {
        members.set(key, "other");
        valueFrom = -1;
      } else if (atList) {
        element(STRING);
      }
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (depth === 0 && c === OPEN_ARRAY) {
        list = topList = { count: 0, kinds: 0 };
        listDepth = 1;
        awaiting = true;
      } else if (inTopObject && key !== null) {
        const member: Member = c === OPEN_ARRAY ? { count: 0, kinds: 0 } : "other";
        members.set(key, member);
        if (member !== "other") {
          list = member;
          listDepth = 2;
          awaiting = true;
        }
        valueFrom = -1;
      } else if (atList) {
        element(c === OPEN_OBJECT ? OBJECT : ARRAY);
      }
      stack.push(c);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (stack.pop() !== (c === CLOSE_OBJECT ? OPEN_OBJECT : OPEN_ARRAY)) return null;
      if (atList && c === CLOSE_ARRAY) list = null;
      if (inTopObject) endMember(i);
      if (stack.length === 0) {
        if (i !== text.length - 1) return null; // more after the top-level value
        return { rows: rowCount(topList, members), elapsedMs: elapsedOf(members) };
      }
    } else if (c === COMMA) {
      if (inTopObject) endMember(i);
      else if (atList) awaiting = true;
    } else if (c === COLON) {
      if (inTopObject && key !== null) valueFrom = i + 1;
    } else if (atList && c > 32) {
      element(SCALAR); // a number, true, false or null
    }
  }
  return null; // never closes
}

/** Index of the next bracket outside a string, from `start`; -1 if there is none or a string never closes. */
function nextBracket(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = closingQuote(text, i);
      if (i < 0) return -1;
    } else if ((c | 32) === OPEN_OBJECT || (c | 32) === CLOSE_OBJECT) {
      return i; // `[` and `]` are `{` and `}` with bit 5 clear
    }
  }
  return -1;
}

function memberName(quoted: string): string | null {
  if (!quoted.includes("\\")) return quoted.slice(1, -1);
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return null;
  }
}

/** The first member present and not null, as `a ?? b` reads them. */
function firstPresent(members: ReadonlyMap<string, Member>, keys: readonly string[]): Member | undefined {
  for (const key of keys) {
    const member = members.get(key);
    if (member !== undefined && member !== null) return member;
  }
  return undefined;
}

const only = (member: Member | undefined, kind: number): member is List =>
  typeof member === "object" && member !== null && (member.kinds & ~kind) === 0;

/** As `toTable` reads rows: objects, or arrays together with a list of column names. */
function rowCount(topList: List | null, members: ReadonlyMap<string, Member>): number | null {
  if (topList) return only(topList, OBJECT) ? topList.count : null;
  const rows = firstPresent(members, ["rows", "records", "data"]);
  if (only(rows, OBJECT)) return rows.count;
  return only(rows, ARRAY) && only(firstPresent(members, ["columns", "keys"]), STRING) ? rows.count : null;
}

function elapsedOf(members: ReadonlyMap<string, Member>): number | null {
  for (const key of ELAPSED_KEYS) {
    const member = members.get(key);
    if (isElapsed(member)) return member;
  }
  return null;
}
