"""Pure normalisation functions: places, numbers, TIMEX3 values, names."""
