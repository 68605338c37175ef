"""Pure rules (no Django): status derivation, working-day calendar arithmetic, time limits."""
