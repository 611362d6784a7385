// Generates src/api/schema.generated.ts from the checked-in SDL (graphql/*.graphql, one file per capability), so the
// UI's hand-written shapes in src/api/types.ts are checked against the served schema by `tsc`: a field the UI reads
// that the schema no longer has, or an enum value the UI lacks, is a build error instead of a runtime surprise.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildASTSchema, parse, isEnumType, isInputObjectType, isInterfaceType, isListType, isNonNullType,
  isObjectType, isScalarType, isUnionType,
} from 'graphql';

const here = dirname(fileURLToPath(import.meta.url));
const sdlDir = resolve(here, '../../../graphql');
const out = resolve(here, '../src/api/schema.generated.ts');

const files = readdirSync(sdlDir).filter((f) => f.endsWith('.graphql')).sort();
if (files.length === 0) throw new Error(`No SDL files in ${sdlDir}`);
const schema = buildASTSchema(parse(files.map((f) => readFileSync(join(sdlDir, f), 'utf8')).join('\n')));

const scalars = { ID: 'string', String: 'string', Int: 'number', Float: 'number', Boolean: 'boolean', Long: 'number', DateTime: 'string', JSON: 'unknown' };

function tsType(type, nullable = true) {
  if (isNonNullType(type)) return tsType(type.ofType, false);
  const inner = isListType(type) ? `Array<${tsType(type.ofType)}>` : isScalarType(type) ? (scalars[type.name] ?? 'unknown') : type.name;
  return nullable ? `${inner} | null` : inner;
}

const lines = [
  '// Generated from graphql/*.graphql by scripts/generate-schema-types.mjs at build time. Do not edit.',
  '/* eslint-disable */',
  '',
];
for (const type of Object.values(schema.getTypeMap()).sort((a, b) => a.name.localeCompare(b.name))) {
  if (type.name.startsWith('__') || isScalarType(type)) continue;
  if (isEnumType(type)) {
    lines.push(`export type ${type.name} = ${type.getValues().map((v) => `'${v.name}'`).join(' | ')};`);
  } else if (isUnionType(type)) {
    lines.push(`export type ${type.name} = ${type.getTypes().map((t) => t.name).join(' | ')};`);
  } else if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).map((f) => `  ${f.name}: ${tsType(f.type)};`);
    lines.push(`export interface ${type.name} {`, ...fields, '}');
  }
}
lines.push('');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, lines.join('\n'));
console.log(`schema types: ${files.length} SDL files -> ${out}`);
