"""Background work of international standardization, one module per part (the scheduler's daily tasks among it)."""
