import type { Expr } from "./ast.js";

/** Calls `visit` on each expression directly inside `e`. */
export function forEachChild(e: Expr, visit: (child: Expr) => void): void {
  switch (e.k) {
    case "logic":
      e.args.forEach(visit);
      return;
    case "not":
    case "neg":
    case "isNull":
      visit(e.arg);
      return;
    case "compare":
    case "stringList":
    case "arith":
      visit(e.left);
      visit(e.right);
      return;
    case "prop":
      visit(e.target);
      return;
    case "list":
      e.items.forEach(visit);
      return;
    case "map":
      e.entries.forEach((x) => visit(x.value));
      return;
    case "call":
      e.args.forEach(visit);
      return;
    case "case":
      if (e.subject) visit(e.subject);
      e.whens.forEach((w) => {
        visit(w.when);
        visit(w.then);
      });
      if (e.otherwise) visit(e.otherwise);
      return;
    case "listComp":
      visit(e.list);
      if (e.where) visit(e.where);
      if (e.map) visit(e.map);
      return;
    case "quantifier":
      visit(e.list);
      visit(e.where);
      return;
    default:
      return;
  }
}
