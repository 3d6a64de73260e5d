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
   * Check `params` against declared parameters: every required one present,
   * none unknown, each of the declared type. Object references are checked by
   * `lookupObject(id)` which returns the referenced object's type or undefined.
   * @throws KmsError MEDIA_OBJECT_ILLEGAL_PARAM_ERROR (missing/unknown/mistyped) or
   *   MEDIA_OBJECT_NOT_FOUND (reference to an unknown object id).
   */
  checkParams(
    declared: KmdParam[],
    params: Record<string, unknown>,
    lookupObject: (id: string) => string | undefined,
    where: string,
  ): void {
    for (const key of Object.keys(params)) {
      if (!declared.some((p) => p.name === key)) {
        throw new KmsError("MEDIA_OBJECT_ILLEGAL_PARAM_ERROR", `Unknown parameter '${key}' for ${where}`);
      }
    }
    for (const p of declared) {
      const value = params[p.name];
      if (value === undefined || value === null) {
        if (p.optional) continue;
        throw new KmsError("MEDIA_OBJECT_ILLEGAL_PARAM_ERROR", `'${p.name}' parameter is required for ${where}`);
      }
      this.checkValue(p.type, value, p.name, lookupObject);
    }
  }

  /**
   * Check one value against a kmd type name (`String`, `int`, `int64`, `float`,
   * `double`, `boolean`, `X[]`, `X<>`, a complex type or a remote class).
   * @throws KmsError as for checkParams.
   */
  checkValue(type: string, value: unknown, path: string, lookupObject: (id: string) => string | undefined): void {
    const bad = (what: string): KmsError =>
      new KmsError("MEDIA_OBJECT_ILLEGAL_PARAM_ERROR", `'${path}' parameter should be ${what}`);
    if (type.endsWith("[]")) {
      if (!Array.isArray(value)) throw bad("a list");
      value.forEach((v, i) => this.checkValue(type.slice(0, -2), v, `${path}[${i}]`, lookupObject));
      return;
    }
    if (type.endsWith("<>")) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) throw bad("a map");
      return;
    }
    switch (type) {
      case "String":
        if (typeof value !== "string") throw bad("a string");
        return;
      case "int":
      case "int64":
        if (typeof value !== "number" || !Number.isInteger(value)) throw bad("an integer");
        return;
      case "float":
      case "double":
        if (typeof value !== "number" || !Number.isFinite(value)) throw bad("a number");
        return;
      case "boolean":
        if (typeof value !== "boolean") throw bad("a boolean");
        return;
    }
    const complex = this.complexTypes.get(type);
    if (complex) {
      if (complex.typeFormat === "ENUM") {
        if (typeof value !== "string" || !(complex.values ?? []).includes(value)) {
          throw bad(`one of ${(complex.values ?? []).join(", ")}`);
        }
        return;
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) throw bad(`a ${type} object`);
      const record = value as Record<string, unknown>;
      for (const prop of this.structProperties(type)) {
        const v = record[prop.name];
        if (v === undefined || v === null) {
          if (prop.optional) continue;
          throw new KmsError("MEDIA_OBJECT_ILLEGAL_PARAM_ERROR", `'${path}.${prop.name}' is required`);
        }
        this.checkValue(prop.type, v, `${path}.${prop.name}`, lookupObject);
      }
      return;
    }
    if (this.classes.has(type)) {
      if (typeof value !== "string") throw bad("an object id");
      const actual = lookupObject(value);
      if (actual === undefined) throw new KmsError("MEDIA_OBJECT_NOT_FOUND", `'${path}' object not found: ${value}`);
      if (!this.isA(actual, type)) throw bad(`a ${type} (got ${actual})`);
      return;
    }
    // Unknown declared type: accept (the descriptor is the authority, not us).
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
