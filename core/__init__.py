"""The shared kernel every layer may use: settings (`config`), the error types people see
(`errors`), citation references and node ids (`refs`), dates as people type them (`dates`), and
progress reporting (`progress`).
It imports no other Netra package."""
