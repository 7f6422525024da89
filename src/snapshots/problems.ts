import { ProblemList, type Problem } from '../errors.js';

/** How many problems one snapshot reports; past that, more detail stops helping. */
export const PROBLEM_LIMIT = 50;

/** A ProblemList that keeps the first few problems and counts the rest. */
export class CappedProblemList extends ProblemList {
  private dropped = 0;

  constructor(private readonly limit = PROBLEM_LIMIT) {
    super();
  }

  override add(problem: Problem): void {
    if (this.items.length < this.limit) super.add(problem);
    else this.dropped++;
  }

  override throwIfAny(): void {
    if (this.dropped > 0) {
      this.items.push({ message: `… and ${this.dropped} more problem${this.dropped === 1 ? '' : 's'}` });
      this.dropped = 0;
    }
    super.throwIfAny();
  }
}
