/**
 * The Kurento API model the fake KMS serves, read from the `.kmd.json` module
 * descriptors shipped inside kurento-client-core, -elements and -filters
 * (the same files the JavaScript client is generated from). They give every
 * remote class with its parent, constructor parameters, methods, properties
 * and events, and every complex type (enums and structs).
 * Protocol: https://doc-kurento.readthedocs.io/en/latest/features/kurento_protocol.html
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { KmsError } from "./errors";

/** A parameter of a constructor or method in a `.kmd.json` descriptor. */
export interface KmdParam {
  name: string;
  type: string;
  optional?: boolean;
  defaultValue?: unknown;
}

/** A method of a remote class. `return` absent for void methods. */
export interface KmdMethod {
  name: string;
  params?: KmdParam[];
  return?: { type: string };
}

/** A property of a remote class: exposed on the wire as `get<Name>` / `set<Name>` operations. */
export interface KmdProperty {
  name: string;
  type: string;
  /** Documentation text; some properties state their default ("Default: 100"). */
  doc?: string;
  readOnly?: boolean;
  final?: boolean;
}

/** A remote class (MediaObject subtype). */
export interface KmdRemoteClass {
  name: string;
  extends?: string;
  abstract?: boolean;
  constructor?: { params?: KmdParam[] };
  methods?: KmdMethod[];
  properties?: KmdProperty[];
  events?: string[];
}

/** A complex type: an ENUM (string values) or a REGISTER (struct). */
export interface KmdComplexType {
  name: string;
  typeFormat: "ENUM" | "REGISTER";
  extends?: string;
  values?: string[];
  properties?: KmdParam[];
}

interface KmdModule {
  name: string;
  version: string;
  remoteClasses?: KmdRemoteClass[];
  complexTypes?: KmdComplexType[];
}

/** `ModuleInfo` as returned inside ServerManager `getInfo` (core.kmd.json complex type). */
export interface ModuleInfo {
  name: string;
  version: string;
  generationTime: string;
  factories: string[];
}

/** What an operation on a type resolves to: a declared method, or a property getter/setter. */
export type ResolvedOperation =
  | { kind: "method"; owner: string; method: KmdMethod; params: KmdParam[] }
  | { kind: "get"; owner: string; property: KmdProperty; params: KmdParam[] }
  | { kind: "set"; owner: string; property: KmdProperty; params: KmdParam[] };

const MODULE_FILES: Array<[pkg: string, file: string]> = [
  ["kurento-client-core", "src/core.kmd.json"],
  ["kurento-client-elements", "src/elements.kmd.json"],
  ["kurento-client-filters", "src/filters.kmd.json"],
];

const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Registry of Kurento remote classes and complex types.
 * Throws at construction if a descriptor cannot be read.
 */
export class KurentoSchema {
  private readonly classes = new Map<string, KmdRemoteClass>();
  private readonly complexTypes = new Map<string, KmdComplexType>();
  private readonly moduleInfos: ModuleInfo[] = [];

  constructor() {
    const require = createRequire(import.meta.url);
    for (const [pkg, file] of MODULE_FILES) {
      const root = dirname(require.resolve(`${pkg}/package.json`));
      const mod = JSON.parse(readFileSync(join(root, file), "utf8")) as KmdModule;
      for (const c of mod.remoteClasses ?? []) this.classes.set(c.name, c);
      for (const t of mod.complexTypes ?? []) this.complexTypes.set(t.name, t);
      this.moduleInfos.push({
        name: mod.name,
        version: mod.version,
        generationTime: "fake-kms",
        factories: (mod.remoteClasses ?? []).filter((c) => !c.abstract && c.constructor?.params).map((c) => c.name),
      });
    }
  }

  /** Modules as the ServerManager reports them (`core`, `elements`, `filters`). */
  modules(): ModuleInfo[] {
    return this.moduleInfos.map((m) => ({ ...m, factories: [...m.factories] }));
  }

  /** The remote class named `name` (without the `kurento.` prefix), if known. */
  remoteClass(name: string): KmdRemoteClass | undefined {
    return this.classes.get(name.replace(/^kurento\./, ""));
  }

  /** True when `name` can be created with `create` (known, not abstract). */
  isCreatable(name: string): boolean {
    const c = this.remoteClass(name);
    return c !== undefined && !c.abstract && c.constructor?.params !== undefined;
  }

  /** Parent chain of `name`, nearest first, excluding `name` itself. */
  ancestors(name: string): string[] {
    const out: string[] = [];
    let c = this.remoteClass(name);
    while (c?.extends) {
      out.push(c.extends);
      c = this.remoteClass(c.extends);
    }
    return out;
  }

  /** True when `type` is `base` or derives from it. */
  isA(type: string, base: string): boolean {
    return type === base || this.ancestors(type).includes(base);
  }

  /** Constructor parameters of `type` (empty for MediaPipeline). */
  constructorParams(type: string): KmdParam[] {
    return this.remoteClass(type)?.constructor?.params ?? [];
  }

  /** All events `type` can emit, including inherited ones. */
  events(type: string): string[] {
    return [type, ...this.ancestors(type)].flatMap((t) => this.remoteClass(t)?.events ?? []);
  }

  /** All properties of `type`, including inherited ones. */
  properties(type: string): KmdProperty[] {
    return [type, ...this.ancestors(type)].flatMap((t) => this.remoteClass(t)?.properties ?? []);
  }

  /**
   * Default of an `int` or `boolean` property as its kmd documentation states
   * it ("Default: 100", "Default: 1 (ON)"), e.g. BaseRtpEndpoint
   * minVideoSendBandwidth 100 kbps, maxVideoSendBandwidth 500 kbps, mtu 1200 bytes;
   * undefined when none is stated.
   */
  propertyDefault(property: KmdProperty): number | boolean | undefined {
    const m = /Default:\s*(-?\d+)/.exec(property.doc ?? "");
    if (!m?.[1]) return undefined;
    const n = Number(m[1]);
    if (property.type === "int" || property.type === "int64") return n;
    if (property.type === "boolean") return n !== 0;
    return undefined;
  }

  /**
   * Resolve `operation` on `type`: a declared method (nearest class first) or a
   * property accessor `get<Name>` / `set<Name>` (setters only for writable,
   * non-final properties). Undefined when the type has no such operation.
   */
  resolveOperation(type: string, operation: string): ResolvedOperation | undefined {
    for (const t of [type, ...this.ancestors(type)]) {
      const c = this.remoteClass(t);
      if (!c) continue;
      const method = c.methods?.find((m) => m.name === operation);
      if (method) return { kind: "method", owner: t, method, params: method.params ?? [] };
      for (const property of c.properties ?? []) {
        const suffix = upperFirst(property.name);
        if (operation === `get${suffix}`) return { kind: "get", owner: t, property, params: [] };
        if (operation === `set${suffix}` && !property.readOnly && !property.final) {
          return { kind: "set", owner: t, property, params: [{ name: property.name, type: property.type }] };
        }
      }
    }
    return undefined;
  }

  /**
   * Read `params` as KMS's generated marshalling code reads constructor and
   * method parameters (module-creator templates `remoteClass_internal_cpp.ftl`
   * and `complexType_class_cpp.ftl` in https://github.com/Kurento/kurento):
   * names that are not declared are ignored; a required parameter that is
   * missing or not convertible to its type, or an optional one present but not
   * convertible, fails with MARSHALL_ERROR "'<name>' parameter should be a
   * <string|integer|boolean|double|int64|list|map|object>"; values are
   * converted as jsoncpp does (a number where a string is expected becomes its
   * text). Object references are looked up with `lookupObject(id)` (returns
   * the object's type or undefined); a reference of the wrong class reads as
   * null, as KMS's `dynamic_pointer_cast` does.
   * @returns the declared parameters that were given, converted.
   * @throws KmsError MARSHALL_ERROR (40001) as above, MEDIA_OBJECT_NOT_FOUND
   *   (40101) "Object 'X' not found" for a reference to an unknown id.
   */
  readParams(
    declared: KmdParam[],
    params: Record<string, unknown>,
    lookupObject: (id: string) => string | undefined,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const p of declared) {
      const value = params[p.name];
      const present = Object.prototype.hasOwnProperty.call(params, p.name) && value !== undefined;
      if (!present && p.optional) continue;
      if (!present || !this.convertible(p.type, value)) {
        throw new KmsError("MARSHALL_ERROR", `'${p.name}' parameter should be a ${this.typeDescription(p.type)}`);
      }
      out[p.name] = this.readValue(p.type, value, lookupObject);
    }
    return out;
  }

  /** KMS's wording of a kmd type in MARSHALL_ERROR messages (module-creator `JsonCppTypeData.java`). */
  typeDescription(type: string): string {
    if (type.endsWith("[]")) return "list";
    if (type.endsWith("<>")) return "map";
    switch (type) {
      case "String":
        return "string";
      case "int":
        return "integer";
      case "int64":
        return "int64";
      case "boolean":
        return "boolean";
      case "float":
      case "double":
        return "double";
    }
    const complex = this.complexTypes.get(type);
    if (complex) return complex.typeFormat === "REGISTER" ? "object" : "string";
    return "string";
  }

  /** jsoncpp `isConvertibleTo` for the JSON kind behind a kmd type. */
  private convertible(type: string, value: unknown): boolean {
    if (value === null) return true;
    const scalar = typeof value === "number" || typeof value === "boolean";
    if (type.endsWith("[]")) return Array.isArray(value);
    const isObject = typeof value === "object" && !Array.isArray(value);
    if (type.endsWith("<>")) return isObject;
    switch (type) {
      case "int":
      case "int64":
        return typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
      case "float":
      case "double":
      case "boolean":
        return scalar;
    }
    if (this.complexTypes.get(type)?.typeFormat === "REGISTER") return isObject;
    // String, enums and object references are read as strings.
    return scalar || typeof value === "string";
  }

  /** Convert an already `convertible` value to what the kmd type holds. */
  private readValue(type: string, value: unknown, lookupObject: (id: string) => string | undefined): unknown {
    if (type.endsWith("[]")) {
      const inner = type.slice(0, -2);
      return ((value ?? []) as unknown[]).map((v) => {
        if (!this.convertible(inner, v)) {
          throw new KmsError("MARSHALL_ERROR", `'${inner}' type should be a ${this.typeDescription(inner)}`);
        }
        return this.readValue(inner, v, lookupObject);
      });
    }
    if (type.endsWith("<>")) return value ?? {};
    switch (type) {
      case "String":
        return value === null ? "" : String(value);
      case "int":
      case "int64":
        return value === null ? 0 : Math.trunc(Number(value));
      case "float":
      case "double":
        return value === null ? 0 : Number(value);
      case "boolean":
        return value === null ? false : Boolean(value);
    }
    const complex = this.complexTypes.get(type);
    if (complex?.typeFormat === "ENUM") {
      const text = value === null ? "" : String(value);
      if (!(complex.values ?? []).includes(text)) throw new KmsError("MARSHALL_ERROR", `Invalid value for '${type}'`);
      return text;
    }
    if (complex) {
      const record = (value ?? {}) as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const prop of this.structProperties(type)) {
        const v = record[prop.name];
        const present = Object.prototype.hasOwnProperty.call(record, prop.name) && v !== undefined;
        if (!present && prop.optional) continue;
        if (!present || !this.convertible(prop.type, v)) {
          throw new KmsError("MARSHALL_ERROR", `'${prop.name}' property should be a ${this.typeDescription(prop.type)}`);
        }
        out[prop.name] = this.readValue(prop.type, v, lookupObject);
      }
      return out;
    }
    if (this.classes.has(type)) {
      const id = value === null ? "" : String(value);
      const actual = lookupObject(id);
      if (actual === undefined) throw new KmsError("MEDIA_OBJECT_NOT_FOUND", `Object '${id}' not found`);
      return this.isA(actual, type) ? id : null;
    }
    // Unknown declared type: pass through (the descriptor is the authority, not us).
    return value;
  }

  private structProperties(type: string): KmdParam[] {
    const out: KmdParam[] = [];
    let t = this.complexTypes.get(type);
    while (t) {
      out.push(...(t.properties ?? []));
      t = t.extends ? this.complexTypes.get(t.extends) : undefined;
    }
    return out;
  }
}
