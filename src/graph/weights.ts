// The optional `weights` section (format version 2): a graph saved trained carries its
// variables as base64 of little-endian float32, so a shared file opens ready to sample.
// Validation checks the arithmetic (shape product × 4 = decoded bytes) from string lengths
// alone; nothing is decoded until someone asks for the numbers.
import { z } from 'zod';
import { LIMITS, formatLimit } from './limits';
import { base64ByteLength, base64Problem, base64ToBytes, bytesToBase64 } from './base64';

/** Longest base64 text the float limit allows: 4 bytes per float, 4 characters per 3 bytes (padded). */
const MAX_DATA_CHARS = Math.ceil((LIMITS.weightFloats * 4) / 3) * 4;

export const weightVariableSchema = z.object({
  name: z.string().min(1).max(LIMITS.shortChars),
  shape: z.array(z.number().int().min(0).max(LIMITS.weightFloats)).max(LIMITS.weightRank, `has more than ${LIMITS.weightRank} dimensions`),
  dtype: z.literal('float32'),
  data: z.string().max(MAX_DATA_CHARS, `holds more than the ${formatLimit('weightFloats')} values a file may carry`),
});

export const weightsSchema = z
  .object({
    backend: z.string().max(LIMITS.shortChars).optional(),
    savedAt: z.string().max(LIMITS.shortChars).optional(),
    variables: z.array(weightVariableSchema).max(LIMITS.weightVariables, `has more than ${formatLimit('weightVariables')} variables`),
  })
  .superRefine((w, ctx) => {
    let total = 0;
    const names = new Set<string>();
    w.variables.forEach((v, i) => {
      if (names.has(v.name)) ctx.addIssue({ code: 'custom', path: ['variables', i, 'name'], message: `the name ${JSON.stringify(v.name.slice(0, 60))} is used by two variables` });
      names.add(v.name);
      const problem = base64Problem(v.data);
      if (problem) return void ctx.addIssue({ code: 'custom', path: ['variables', i, 'data'], message: problem });
      const count = shapeSize(v.shape);
      const bytes = base64ByteLength(v.data);
      if (count === undefined || bytes !== count * 4) {
        const need = count === undefined ? `more than ${formatLimit('weightFloats')} values` : `${count * 4} bytes (${count} float32 values)`;
        return void ctx.addIssue({ code: 'custom', path: ['variables', i, 'data'], message: `holds ${bytes} bytes, but the shape [${v.shape.join(', ')}] needs ${need}` });
      }
      total += count;
    });
    if (total > LIMITS.weightFloats) ctx.addIssue({ code: 'custom', path: ['variables'], message: `hold ${total} values in all; the limit is ${formatLimit('weightFloats')}` });
  });

export type WeightsSection = z.infer<typeof weightsSchema>;

export interface WeightVariable {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** Product of a shape, or undefined past the float limit (so it never overflows). */
export function shapeSize(shape: readonly number[]): number | undefined {
  let n = 1;
  for (const d of shape) {
    n *= d;
    if (n > LIMITS.weightFloats) return undefined;
  }
  return n;
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function floatsToBytes(data: Float32Array): Uint8Array {
  if (littleEndian) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const bytes = new Uint8Array(data.length * 4);
  const view = new DataView(bytes.buffer);
  data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytes;
}

function bytesToFloats(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length / 4);
  if (littleEndian) new Uint8Array(out.buffer).set(bytes);
  else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  }
  return out;
}

/** Trained variables → the file's `weights` section. Throws if a shape does not fit its data. */
export function encodeWeights(variables: readonly WeightVariable[], info: { backend?: string; savedAt?: string } = {}): WeightsSection {
  let total = 0;
  const encoded = variables.map((v) => {
    const count = shapeSize(v.shape);
    if (count === undefined) throw new Error(`The weights hold more values than the ${formatLimit('weightFloats')} a graph file may carry (variable "${v.name}" alone has ${v.data.length.toLocaleString('en-US')}).`);
    if (count !== v.data.length) throw new Error(`Variable "${v.name}" has ${v.data.length} values but its shape [${v.shape.join(', ')}] needs ${count}.`);
    total += count;
    return { name: v.name, shape: [...v.shape], dtype: 'float32' as const, data: bytesToBase64(floatsToBytes(v.data)) };
  });
  if (total > LIMITS.weightFloats) throw new Error(`The weights hold ${total.toLocaleString('en-US')} values; a graph file may carry at most ${formatLimit('weightFloats')}.`);
  return { ...(info.backend !== undefined && { backend: info.backend }), ...(info.savedAt !== undefined && { savedAt: info.savedAt }), variables: encoded };
}

/** The file's `weights` section → variables with their numbers. Throws on malformed data. */
export function decodeWeights(w: WeightsSection): WeightVariable[] {
  return w.variables.map((v) => {
    const bytes = base64ToBytes(v.data);
    const count = shapeSize(v.shape);
    if (count === undefined || bytes.length !== count * 4) throw new Error(`Variable "${v.name}" holds ${bytes.length} bytes, but its shape [${v.shape.join(', ')}] needs ${count === undefined ? 'too many' : count * 4}.`);
    return { name: v.name, shape: [...v.shape], data: bytesToFloats(bytes) };
  });
}
