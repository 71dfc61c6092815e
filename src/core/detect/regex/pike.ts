/**
 * A linear-time regex engine (Thompson NFA simulated the Pike way, leftmost-first like
 * JavaScript's): every state is visited at most once per text position, so an admin's pattern can
 * never backtrack catastrophically. A match is at most MAX_MATCH_LENGTH characters: a thread older
 * than that dies, which bounds the rescanning between successive matches too.
 */
import { isWordCode, type Node, setMatches } from "./ast";
import { lengthRange } from "./analyse";

export const MAX_MATCH_LENGTH = 1024;
/** Instructions after expanding counted repetition; larger programs are refused. */
export const MAX_PROGRAM = 20_000;

const SET = 0;
const SPLIT = 1;
const JMP = 2;
const MATCH = 3;
const ASSERT = 4;
const LOOK = 5;

const ASSERT_KINDS = ["start", "end", "word", "notWord"] as const;

interface Look {
  program: Program;
  behind: boolean;
  negate: boolean;
  length: number;
}

class Program {
  readonly op: number[] = [];
  readonly x: number[] = [];
  readonly y: number[] = [];
  readonly sets: Array<Extract<Node, { t: "set" }>> = [];
  readonly looks: Look[] = [];

  emit(op: number, x = 0, y = 0): number {
    if (this.op.length >= MAX_PROGRAM) throw new RangeError("program too large");
    this.op.push(op);
    this.x.push(x);
    this.y.push(y);
    return this.op.length - 1;
  }

  compile(node: Node): void {
    switch (node.t) {
      case "set":
        this.sets.push(node);
        this.emit(SET, this.sets.length - 1);
        return;
      case "seq":
        node.items.forEach((n) => this.compile(n));
        return;
      case "alt": {
        const jumps: number[] = [];
        node.alts.forEach((alt, i) => {
          if (i < node.alts.length - 1) {
            const split = this.emit(SPLIT);
            this.x[split] = split + 1;
            this.compile(alt);
            jumps.push(this.emit(JMP));
            this.y[split] = this.op.length;
          } else this.compile(alt);
        });
        for (const j of jumps) this.x[j] = this.op.length;
        return;
      }
      case "repeat":
        return this.repeat(node.body, node.min, node.max, node.greedy);
      case "assert":
        this.emit(ASSERT, ASSERT_KINDS.indexOf(node.kind));
        return;
      case "look": {
        const program = new Program();
        program.compile(node.body);
        program.emit(MATCH);
        this.looks.push({
          program,
          behind: node.behind,
          negate: node.negate,
          length: lengthRange(node.body)[0],
        });
        this.emit(LOOK, this.looks.length - 1);
        return;
      }
    }
  }

  /** Points a split at `body` first (greedy) or at what follows first (lazy). */
  private patch(split: number, body: number, out: number, greedy: boolean): void {
    this.x[split] = greedy ? body : out;
    this.y[split] = greedy ? out : body;
  }

  private repeat(body: Node, min: number, max: number, greedy: boolean): void {
    for (let i = 0; i < min; i++) this.compile(body);
    if (max === Infinity) {
      const split = this.emit(SPLIT);
      this.compile(body);
      this.emit(JMP, split);
      this.patch(split, split + 1, this.op.length, greedy);
      return;
    }
    const splits: number[] = [];
    for (let i = min; i < max; i++) {
      const split = this.emit(SPLIT);
      splits.push(split);
      this.compile(body);
    }
    for (const split of splits) this.patch(split, split + 1, this.op.length, greedy);
  }
}

/** Threads in priority order; `mark` keeps each state once per list. */
class ThreadList {
  pcs: number[] = [];
  starts: number[] = [];
  private readonly mark: Int32Array;
  private gen = 1;

  constructor(size: number) {
    this.mark = new Int32Array(size);
  }

  clear(): void {
    this.pcs.length = 0;
    this.starts.length = 0;
    this.gen++;
  }

  /** True the first time `pc` is offered since the last clear. */
  claim(pc: number): boolean {
    if (this.mark[pc] === this.gen) return false;
    this.mark[pc] = this.gen;
    return true;
  }
}

export class PikeMatcher {
  private readonly program = new Program();
  private readonly first: number[] | null;
  private readonly stack: number[] = [];

  constructor(
    node: Node,
    private readonly ignoreCase: boolean,
    first: number[] | null,
  ) {
    this.program.compile(node);
    this.program.emit(MATCH);
    this.first = first;
  }

  /** The leftmost match starting at or after `from` in [0, end) of `text`, or null. */
  exec(text: string, from: number, end: number): [number, number] | null {
    return run(this.program, text, from, end, false, this.ignoreCase, this.first, this.stack);
  }
}

function matchesSet(set: Extract<Node, { t: "set" }>, c: number, ignoreCase: boolean): boolean {
  return setMatches(set.ranges, set.negate, c, ignoreCase);
}

function assertHolds(kind: number, text: string, pos: number, end: number): boolean {
  switch (ASSERT_KINDS[kind]) {
    case "start":
      return pos === 0;
    case "end":
      return pos === end;
    default: {
      const before = pos > 0 && isWordCode(text.charCodeAt(pos - 1));
      const after = pos < end && isWordCode(text.charCodeAt(pos));
      return (before !== after) === (ASSERT_KINDS[kind] === "word");
    }
  }
}

function lookHolds(look: Look, text: string, pos: number, end: number, ignoreCase: boolean): boolean {
  const at = look.behind ? pos - look.length : pos;
  const found = at >= 0 && run(look.program, text, at, end, true, ignoreCase, null, []) !== null;
  return found !== look.negate;
}

/** Follows empty transitions from `pc0` at `pos`, appending the threads that wait for a character. */
function addThread(
  p: Program,
  list: ThreadList,
  pc0: number,
  start: number,
  text: string,
  pos: number,
  end: number,
  ignoreCase: boolean,
  stack: number[],
): void {
  stack.length = 0;
  stack.push(pc0);
  while (stack.length > 0) {
    const pc = stack.pop()!;
    if (!list.claim(pc)) continue;
    switch (p.op[pc]) {
      case JMP:
        stack.push(p.x[pc]);
        break;
      case SPLIT:
        // Second choice first onto the stack, so the first is explored (and ranked) before it.
        stack.push(p.y[pc], p.x[pc]);
        break;
      case ASSERT:
        if (assertHolds(p.x[pc], text, pos, end)) stack.push(pc + 1);
        break;
      case LOOK:
        if (lookHolds(p.looks[p.x[pc]], text, pos, end, ignoreCase)) stack.push(pc + 1);
        break;
      default:
        list.pcs.push(pc);
        list.starts.push(start);
    }
  }
}

function nextStart(
  text: string,
  pos: number,
  end: number,
  first: number[] | null,
  ignoreCase: boolean,
): number {
  if (first === null) return pos;
  while (pos < end && !setMatches(first, false, text.charCodeAt(pos), ignoreCase)) pos++;
  return pos;
}

function run(
  p: Program,
  text: string,
  from: number,
  end: number,
  anchored: boolean,
  ignoreCase: boolean,
  first: number[] | null,
  stack: number[],
): [number, number] | null {
  let clist = new ThreadList(p.op.length);
  let nlist = new ThreadList(p.op.length);
  let matchStart = -1;
  let matchEnd = -1;
  for (let pos = from; pos <= end; pos++) {
    if (matchStart < 0 && (!anchored || pos === from)) {
      if (clist.pcs.length === 0) {
        // No live thread: states marked by failed paths may belong to an earlier position.
        clist.clear();
        if (!anchored) {
          pos = nextStart(text, pos, end, first, ignoreCase);
          // With a first-character set, nothing can start at the end of the text.
          if (pos >= end && first !== null) return null;
        }
      }
      addThread(p, clist, 0, pos, text, pos, end, ignoreCase, stack);
    }
    if (clist.pcs.length === 0) {
      if (matchStart >= 0 || anchored) break;
      clist.clear(); // forget the states this failed start visited
      continue; // nothing can start here (an assertion failed): try the next position
    }
    nlist.clear();
    const c = pos < end ? text.charCodeAt(pos) : -1;
    const { pcs, starts } = clist;
    for (let i = 0; i < pcs.length; i++) {
      const pc = pcs[i];
      if (p.op[pc] === MATCH) {
        matchStart = starts[i];
        matchEnd = pos;
        if (anchored) return [matchStart, matchEnd];
        break; // threads after this one rank lower: drop them
      }
      if (c >= 0 && pos + 1 - starts[i] <= MAX_MATCH_LENGTH && matchesSet(p.sets[p.x[pc]], c, ignoreCase))
        addThread(p, nlist, pc + 1, starts[i], text, pos + 1, end, ignoreCase, stack);
    }
    const swap = clist;
    clist = nlist;
    nlist = swap;
  }
  return matchStart < 0 ? null : [matchStart, matchEnd];
}
