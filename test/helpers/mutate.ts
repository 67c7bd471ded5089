/** Random damage to a JSON value, for property tests of decoding: what a broken or hostile backend could send. */
export function mutate(value: unknown, random: () => number, mutations = 1 + Math.floor(random() * 3)): unknown {
  let out = structuredClone(value);
  for (let i = 0; i < mutations; i++) out = mutateOnce(out, random);
  return out;
}

const int = (random: () => number, n: number) => Math.floor(random() * n);

/** Values that break code expecting something else. */
export function junk(random: () => number): unknown {
  const nested = (depth: number): unknown => {
    let v: unknown = "leaf";
    for (let i = 0; i < depth; i++) v = random() < 0.5 ? [v] : { type: "text", content: v, text: v };
    return v;
  };
  const choices: (() => unknown)[] = [
    () => null,
    () => undefined,
    () => 0,
    () => -1.5,
    () => Number.MAX_SAFE_INTEGER,
    () => true,
    () => "",
    () => "x",
    () => "sevt_1_6",
    () => "x".repeat(100_000),
    () => "<img src=x onerror=alert(1)>",
    () => [],
    () => [null],
    () => [{}],
    () => [{ type: "text" }],
    () => [{ type: "search_result" }],
    () => [{ type: "image", source: null }],
    () => ({}),
    () => ({ type: 7 }),
    () => JSON.parse('{"__proto__": {"polluted": true}, "type": "text"}'),
    () => "__proto__",
    () => "constructor",
    () => nested(1 + int(random, 40)),
  ];
  return (choices[int(random, choices.length)] as () => unknown)();
}

function mutateOnce(root: unknown, random: () => number): unknown {
  // Pick a random container on the way down, then damage one of its fields.
  const path: (string | number)[] = [];
  let node: unknown = root;
  while ((Array.isArray(node) || (typeof node === "object" && node !== null)) && random() < 0.6) {
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[int(random, keys.length)] as string | number;
    const child = (node as Record<string | number, unknown>)[key];
    if (typeof child !== "object" || child === null) break;
    path.push(key);
    node = child;
  }
  if (typeof node !== "object" || node === null) return random() < 0.5 ? root : junk(random);
  const target = node as Record<string | number, unknown>;
  const keys = Array.isArray(target) ? target.map((_, i) => i) : Object.keys(target);
  const key =
    keys.length && random() < 0.85 ? (keys[int(random, keys.length)] as string | number) : `extra_${int(random, 9)}`;
  const roll = random();
  if (roll < 0.35) {
    if (Array.isArray(target) && typeof key === "number") target.splice(key, 1);
    else delete target[key];
  } else {
    target[key] = junk(random);
  }
  return root;
}
