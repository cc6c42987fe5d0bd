// How the parser words what it found: a capped list of sentences, each with the path of
// the value it is about (`nodes[3].params.units: …`), and zod issues rephrased for people.
import type { z } from 'zod';
import { LIMITS } from './limits';

/** Keeps the first `cap` messages and counts the rest, so junk cannot flood the UI. */
export class Problems {
  private readonly items: string[] = [];
  private extra = 0;
  constructor(private readonly cap: number = LIMITS.problemsListed) {}

  add(message: string): void {
    if (this.items.length < this.cap) this.items.push(message);
    else this.extra++;
  }

  get count(): number {
    return this.items.length + this.extra;
  }

  /** The messages (each passed through `decorate`), then "… and N more." if any were cut. */
  list(decorate: (message: string) => string = (m) => m): string[] {
    const shown = this.items.map(decorate);
    return this.extra ? [...shown, `… and ${this.extra} more.`] : shown;
  }
}

export type Path = readonly PropertyKey[];

/** `nodes[3].params.units`; the whole document is "the file". */
export function where(path: Path): string {
  if (path.length === 0) return 'the file';
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** A string from the file, quoted and cut short: a message never echoes megabytes. */
export function quote(s: string, max = 60): string {
  const cut = s.length > max ? `${s.slice(0, max)}…` : s;
  return JSON.stringify(cut);
}

/** The head of a sentence about the value at `path` ("nodes[3].id: "), or '' for the root. */
export function at(path: Path): string {
  return path.length ? `${where(path)}: ` : '';
}

/** "a string", "an array", "null": what a value is, for "must be X, not Y". */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? `the number ${v}` : String(v);
  if (typeof v === 'string') return v.length > 40 ? 'a long string' : `the text ${quote(v)}`;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

/** How a node is named in a sentence: `nodes[2] ("enc")`. */
export function nodeRef(i: number, node: unknown): string {
  const id = typeof node === 'object' && node !== null ? (node as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? `nodes[${i}] (${quote(id, 40)})` : `nodes[${i}]`;
}

export function edgeRef(i: number, edge: unknown): string {
  const id = typeof edge === 'object' && edge !== null ? (edge as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? `edges[${i}] (${quote(id, 40)})` : `edges[${i}]`;
}

const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);
const typeName: Record<string, string> = { int: 'whole number', array: 'list', record: 'object', nan: 'number' };
const expected = (t: string) => article(typeName[t] ?? t);

type Issue = z.core.$ZodIssue;

/** True for zod's stock wording, which is replaced; a schema's own message is kept. */
const stock = (m: string) => /^(Invalid input|Too big|Too small|Invalid option|Invalid string|Invalid number)/.test(m);

/** One zod issue as the tail of a sentence ("must be at most 8192"). */
export function issueText(issue: Issue): string {
  if (!stock(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type': {
      const got = 'input' in issue ? issue.input : undefined;
      if (got === undefined) return `is missing (it must be ${expected(issue.expected)})`;
      return `must be ${expected(issue.expected)}, not ${describe(got)}`;
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return `is longer than ${Number(max).toLocaleString('en-US')} characters`;
      if (issue.origin === 'array') return `has more than ${Number(max).toLocaleString('en-US')} items`;
      return issue.inclusive ? `must be at most ${max}` : `must be less than ${max}`;
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string') return min === '1' ? 'must not be empty' : `must have at least ${min} characters`;
      if (issue.origin === 'array') return `must have at least ${min} items`;
      return issue.inclusive ? `must be at least ${min}` : `must be greater than ${min}`;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union': {
      // A value of the right type that failed a range check says so; otherwise list the types.
      const near = issue.errors.map((branch) => branch[0]).find((i) => i && i.code !== 'invalid_type' && i.code !== 'invalid_value' && i.path.length === 0);
      if (near) return issueText(near);
      const options = issue.errors.map((branch) => branch[0]).filter(Boolean).map((i) => (i.code === 'invalid_type' ? expected(i.expected) : i.code === 'invalid_value' ? i.values.map((v) => JSON.stringify(v)).join(' or ') : 'something else'));
      const got = 'input' in issue ? ` — not ${describe(issue.input)}` : '';
      return `must be ${[...new Set(options)].join(' or ')}${got}`;
    }
    default:
      return issue.message;
  }
}

/** Where an issue sits: a path from the root, or under a named head (`nodes[3] ("dec") params`). */
export type IssueHead = Path | string;

function headOf(head: IssueHead, path: Path): string {
  if (typeof head !== 'string') return [...head, ...path].length ? where([...head, ...path]) : '';
  return path.length ? `${head}.${where(path)}` : head;
}

/** Each issue as a sentence `head.path: text.`, in the file's words; `text` may reword one. */
export function addZodIssues(problems: Problems, err: z.ZodError, head: IssueHead = [], text: (issue: Issue) => string | undefined = () => undefined): void {
  for (const issue of err.issues) {
    const h = headOf(head, issue.path);
    problems.add(`${h ? `${h}: ` : ''}${(text(issue) ?? issueText(issue)).replace(/\.$/, '')}.`);
  }
}
