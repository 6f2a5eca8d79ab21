import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";

/** Prints `security checks: P/N` (passed of all checks run) once the run ends. */
export default class SecurityReporter implements Reporter {
  private passed = 0;
  private total = 0;

  onTestEnd(test: TestCase, result: TestResult) {
    // Count each check once, on its final attempt.
    if (result.retry !== test.retries && result.status !== "passed") return;
    this.total += 1;
    if (result.status === "passed") this.passed += 1;
  }

  onEnd(_result: FullResult) {
    console.log(`\nsecurity checks: ${this.passed}/${this.total}`);
  }
}
