// Bounds on one CEL evaluation, like the API server's per-expression cost limit: every comprehension
// step costs one unit (the expression's own nodes are bounded by its length), values that variables
// build cost their size (so chained variables cannot double a string forty times), and a wall-clock
// deadline catches what slips through. Exhausting it makes every further step an error, so the
// evaluation unwinds at once; the caller reports "cost limit exceeded", never a pass or a fail.

/** The API server's per-expression runtime cost limit (PerCallLimit). */
export const COST_LIMIT = 1_000_000;
/** Wall-clock bound of one evaluation: far beyond any real policy, short enough to keep typing fluid. */
export const DEADLINE_MS = 250;

export class CostBudget {
  private cost = 0;
  private readonly deadline: number;
  /** Why the evaluation was stopped, once it was. */
  exceeded?: string;

  constructor(
    private readonly limit = COST_LIMIT,
    deadlineMs = DEADLINE_MS,
  ) {
    this.deadline = Date.now() + deadlineMs;
  }

  /** Adds `units`; false (and `exceeded` set) once the limit or the deadline is passed. */
  charge(units: number): boolean {
    if (this.exceeded) return false;
    this.cost += units;
    if (this.cost > this.limit) this.exceeded = `cost limit of ${this.limit} exceeded`;
    // Reading the clock on every step would dominate cheap loops.
    else if ((this.cost & 0xff) === 0 && Date.now() > this.deadline) this.exceeded = 'evaluation took too long';
    return !this.exceeded;
  }
}

/** The cost of a value built by an expression: its length for strings and lists, its size for maps. */
export function sizeCost(value: unknown): number {
  if (typeof value === 'string') return Math.ceil(value.length / 10);
  if (value && typeof value === 'object' && 'size' in value && typeof (value as { size: unknown }).size === 'number') return (value as { size: number }).size;
  return 1;
}

/** The budget of the evaluation under way (evaluation is synchronous: one at a time). */
let active: CostBudget | undefined;

/** Runs `evaluation` with `budget` as the one `charge` draws on. */
export function underBudget<T>(budget: CostBudget, evaluation: () => T): T {
  const outer = active;
  active = budget;
  try {
    return evaluation();
  } finally {
    active = outer;
  }
}

/** Charges the evaluation under way; throws once its budget is exhausted, so the evaluation unwinds as an error. */
export function charge(units: number): void {
  if (active && !active.charge(units)) throw new Error(active.exceeded);
}
