import neo4j from "neo4j-driver";
import type { CypherNodeValue, CypherPathValue, CypherRelationshipValue } from "./executor.js";
import { bytesValue, finiteOrNull, integerValue, plainObject } from "./json-values.js";

const MAX_DEPTH = 64;

/**
 * A value from neo4j-driver (Neo4j, PuppyGraph or any Bolt server) → a JSON-safe value in the same shapes the Kuzu
 * executor returns: integers exact (bigint beyond 2^53), nodes/relationships/paths as the Cypher card draws them,
 * temporal values as ISO 8601 text.
 */
export function boltValueToJson(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "bigint":
      return integerValue(value);
    case "number":
      return finiteOrNull(value);
    case "string":
    case "boolean":
      return value;
    case "object":
      break;
    default:
      return null;
  }
  // A reply nested deeper than any real result is cut rather than walked (hostile or broken server).
  if (depth > MAX_DEPTH) return null;
  if (neo4j.isInt(value)) return integerValue(BigInt(value.toString()));
  if (neo4j.isNode(value)) return node(value, depth);
  if (neo4j.isRelationship(value)) return relationship(value, depth);
  if (neo4j.isUnboundRelationship(value)) {
    return { elementId: value.elementId, type: value.type, properties: properties(value.properties, depth) };
  }
  if (neo4j.isPath(value)) return path(value, depth);
  if (neo4j.isDateTime(value)) return dateTime(value);
  if (
    neo4j.isDate(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value) ||
    neo4j.isUUID(value)
  ) {
    return value.toString();
  }
  if (neo4j.isPoint(value)) {
    const point: Record<string, unknown> = {
      srid: boltValueToJson(value.srid, depth + 1),
      x: finiteOrNull(value.x),
      y: finiteOrNull(value.y),
    };
    if (value.z !== undefined) point["z"] = finiteOrNull(value.z);
    return point;
  }
  if (neo4j.isVector(value)) {
    return Array.from(value.asTypedArray() as ArrayLike<number | bigint>, (item) => boltValueToJson(item, depth + 1));
  }
  if (ArrayBuffer.isView(value)) return bytesValue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  if (Array.isArray(value)) return value.map((item: unknown) => boltValueToJson(item, depth + 1));
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return properties(value as Record<string, unknown>, depth);
  // A type this mapping does not know (a newer driver, an unsupported server type): its text, never a crash.
  return String(value);
}

function properties(record: Record<string, unknown>, depth: number): Record<string, unknown> {
  return plainObject(Object.entries(record).map(([key, item]) => [key, boltValueToJson(item, depth + 1)]));
}

function node(value: InstanceType<typeof neo4j.types.Node>, depth: number): CypherNodeValue {
  return { elementId: value.elementId, labels: [...value.labels], properties: properties(value.properties, depth) };
}

function relationship(value: InstanceType<typeof neo4j.types.Relationship>, depth: number): CypherRelationshipValue {
  return {
    elementId: value.elementId,
    type: value.type,
    startNodeElementId: value.startNodeElementId,
    endNodeElementId: value.endNodeElementId,
    properties: properties(value.properties, depth),
  };
}

function path(value: InstanceType<typeof neo4j.types.Path>, depth: number): CypherPathValue {
  return {
    nodes: [value.start, ...value.segments.map((segment) => segment.end)].map((item) => node(item, depth)),
    relationships: value.segments.map((segment) => relationship(segment.relationship, depth)),
  };
}

/** UTC ISO text like the Kuzu executor's timestamps; beyond what a JS Date holds, the driver's own ISO text. */
function dateTime(value: InstanceType<typeof neo4j.types.DateTime>): string {
  try {
    const standard = value.toStandardDate();
    if (!Number.isNaN(standard.getTime())) return standard.toISOString();
  } catch {
    // Falls through: no offset (named zone only) or out of range.
  }
  return value.toString();
}
